package dev.rigel.cli.internal;

import dev.rigel.App;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions for {@code version} and {@code info}: Rigel's from its jar, the JVM's and the OS's. */
final class Versions {

    private Versions() {}

    /** Rigel's version, from the Maven metadata in rigel-core's jar; "development build" from classes. */
    static String rigel() {
        try (InputStream in = App.class.getResourceAsStream("/META-INF/maven/dev.rigel/rigel-core/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) { // fall through to the development answer
        }
        return "development build";
    }

    static String java() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    static String line() {
        return "Rigel " + rigel() + ", Java " + java() + ", " + os();
    }
}

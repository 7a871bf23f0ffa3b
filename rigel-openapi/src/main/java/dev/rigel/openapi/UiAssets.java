package dev.rigel.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where each UI's scripts and styles sit on the class path, so the pages work without internet
 * access. A webjar's version is read from its own {@code pom.properties}, so the parent pom's pin
 * is the only place it is written down; Scalar and Elements have no webjar and are bundled in
 * this module's resources (see {@code dev/rigel/openapi/ui/NOTICE.md}).
 */
final class UiAssets {

    private static final String BUNDLED = "dev/rigel/openapi/ui/";

    private UiAssets() {}

    /** The class path directory holding the renderer's assets, e.g. {@code META-INF/resources/webjars/redoc/2.1.4}. */
    static String directory(Renderer renderer) {
        return switch (renderer) {
            case SWAGGER -> webjar("org.webjars", "swagger-ui");
            // the webjar's root, not its bundles/ or dist/ folder: these jars hold no entries for
            // those folders, so the class path cannot name them as directories
            case REDOC -> webjar("org.webjars.npm", "redoc");
            case RAPIDOC -> webjar("org.webjars.npm", "rapidoc");
            case SCALAR -> BUNDLED + "scalar";
            case ELEMENTS -> BUNDLED + "elements";
        };
    }

    private static String webjar(String group, String artifact) {
        String pom = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        Properties properties = new Properties();
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("The " + artifact + " webjar is not on the class path (" + pom + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/" + artifact + "/" + properties.getProperty("version");
    }
}

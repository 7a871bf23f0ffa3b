package dev.rigel.staticfiles;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.files.FileContent;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * One directory static files are served from: a directory on disk (also an exploded class path
 * directory, as when tests run from {@code target/classes}), or a directory inside a jar on the
 * class path, read from the jar's entries.
 */
sealed interface StaticRoot permits DirectoryRoot, JarRoot {

    /** A directory on disk; it must exist when the app is built. */
    static StaticRoot directory(Path directory) {
        return DirectoryRoot.of(directory, directory.toString());
    }

    /** A directory on the class path ({@code "static"} for {@code src/main/resources/static}), in a jar or not. */
    static StaticRoot classpath(String resource, ClassLoader loader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        URL url = loader.getResource(name);
        if (url == null) {
            throw new ImproperlyConfiguredException("Static files: no directory '" + name + "' on the class path");
        }
        String description = "classpath:" + name;
        try {
            if (url.getProtocol().equals("jar")) {
                // not connected: only splits the URL into the jar's file URL and the entry name
                JarURLConnection jar = (JarURLConnection) url.openConnection();
                return JarRoot.of(Path.of(jar.getJarFileURL().toURI()), jar.getEntryName(), description);
            }
            return DirectoryRoot.of(Path.of(url.toURI()), description);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            if (e instanceof ImproperlyConfiguredException configured) {
                throw configured;
            }
            throw new ImproperlyConfiguredException(
                    "Static files: cannot open classpath directory '" + name + "' (" + url + "): " + e, e);
        }
    }

    /**
     * What to answer with for the regular file at {@code segments} below this root (sent as a
     * {@link dev.rigel.response.FileResponse} of it would be), or null when there is none inside
     * the root. The segments are checked already: no {@code .}/{@code ..},
     * no separators, no control characters.
     */
    FileContent file(List<String> segments, boolean inline);
}

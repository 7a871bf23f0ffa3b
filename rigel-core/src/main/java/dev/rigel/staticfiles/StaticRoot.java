package dev.rigel.staticfiles;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One directory static files are served from, as its real path (symbolic links resolved), so a
 * candidate file's real path can be compared with it by prefix. A classpath directory packed in a
 * jar is read through the JDK's zip file system, which gives it the same {@link Path} API (and so
 * the same ranges and validators) as a directory on disk. Opening that file system indexes every
 * entry of the jar (tens of thousands in an app's fat jar, a few percent of its start), so it is
 * opened on the first request for a file; when the app is built, the directory's jar entry is
 * checked instead, so a missing directory or a file in its place still stops the app there.
 */
final class StaticRoot {

    private final String description;
    private final Opener opener;
    private volatile Path realPath;

    /** Opens a root's real path (the zip file system of a jar). */
    private interface Opener {
        Path open() throws IOException;
    }

    private StaticRoot(Path realPath, Opener opener, String description) {
        this.realPath = realPath;
        this.opener = opener;
        this.description = description;
    }

    /** The root's real path, the jar's file system opened on first use. */
    Path realPath() {
        Path path = realPath;
        if (path == null) {
            synchronized (this) {
                path = realPath;
                if (path == null) {
                    try {
                        path = opener.open();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(
                                "Static files: cannot open " + description + ": " + e.getMessage(), e);
                    }
                    realPath = path;
                }
            }
        }
        return path;
    }

    String description() {
        return description;
    }

    /** A directory on disk; it must exist when the app is built. */
    public static StaticRoot directory(Path directory) {
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ImproperlyConfiguredException("Static files: " + directory + " is not a directory");
            }
            return new StaticRoot(real, null, directory.toString());
        } catch (NoSuchFileException e) {
            throw new ImproperlyConfiguredException(
                    "Static files: the directory " + directory.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new ImproperlyConfiguredException(
                    "Static files: cannot read the directory " + directory + ": " + e, e);
        }
    }

    /** A directory on the class path ({@code "static"} for {@code src/main/resources/static}), in a jar or not. */
    public static StaticRoot classpath(String resource, ClassLoader loader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        URL url = loader.getResource(name);
        if (url == null) {
            throw new ImproperlyConfiguredException("Static files: no directory '" + name + "' on the class path");
        }
        String description = "classpath:" + name;
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                checkJarDirectory(url, description);
                return new StaticRoot(
                        null,
                        () -> {
                            zipFileSystem(uri);
                            return checkedDirectory(Path.of(uri), description);
                        },
                        description);
            }
            return new StaticRoot(checkedDirectory(Path.of(uri), description), null, description);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            if (e instanceof ImproperlyConfiguredException configured) {
                throw configured;
            }
            throw new ImproperlyConfiguredException(
                    "Static files: cannot open classpath directory '" + name + "' (" + url + "): " + e, e);
        }
    }

    /** That a jar's entry is a directory, read from the jar's index (which the class loader has read already). */
    private static void checkJarDirectory(URL url, String description) throws IOException {
        java.net.URLConnection connection = url.openConnection();
        if (connection instanceof java.net.JarURLConnection jar) {
            jar.setUseCaches(false);
            try (java.util.jar.JarFile file = jar.getJarFile()) {
                java.util.jar.JarEntry entry = file.getJarEntry(jar.getEntryName());
                if (entry == null || !entry.isDirectory()) {
                    throw new ImproperlyConfiguredException("Static files: " + description + " is not a directory");
                }
            }
        }
    }

    private static Path checkedDirectory(Path path, String description) throws IOException {
        Path real = path.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new ImproperlyConfiguredException("Static files: " + description + " is not a directory");
        }
        return real;
    }

    /** The zip file system of a jar URI, opened once for the app's lifetime (or found open). */
    private static FileSystem zipFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException notOpen) {
            try {
                return FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                return FileSystems.getFileSystem(uri);
            }
        }
    }

    /**
     * The real path of {@code segments} under this root when it exists inside it, else null. The
     * segments are checked already (no {@code ..}, separators or NUL), so the lexical path cannot
     * leave the root; resolving the real path catches symbolic links that point outside it.
     */
    public Path resolve(List<String> segments) {
        Path root = realPath();
        Path candidate = root;
        for (String segment : segments) {
            candidate = candidate.resolve(segment);
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | SecurityException missing) {
            return null;
        }
    }

    /** Whether {@code path} is a directory (following no further links: it is a real path already). */
    public static boolean isDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether {@code path} is a regular file. */
    public static boolean isFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }
}

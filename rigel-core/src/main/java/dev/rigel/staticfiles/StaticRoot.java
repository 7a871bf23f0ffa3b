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
 * the same ranges and validators) as a directory on disk.
 */
record StaticRoot(Path realPath, String description) {

    /** A directory on disk; it must exist when the app is built. */
    public static StaticRoot directory(Path directory) {
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ImproperlyConfiguredException("Static files: " + directory + " is not a directory");
            }
            return new StaticRoot(real, directory.toString());
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
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                zipFileSystem(uri);
            }
            return new StaticRoot(checkedDirectory(Path.of(uri), "classpath:" + name), "classpath:" + name);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            if (e instanceof ImproperlyConfiguredException configured) {
                throw configured;
            }
            throw new ImproperlyConfiguredException(
                    "Static files: cannot open classpath directory '" + name + "' (" + url + "): " + e, e);
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
        Path candidate = realPath;
        for (String segment : segments) {
            candidate = candidate.resolve(segment);
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(realPath) ? real : null;
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

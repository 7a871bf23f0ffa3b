package dev.rigel.staticfiles;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.files.FileContent;
import dev.rigel.internal.files.PathSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory on a file system, as its real path (symbolic links resolved), so a candidate file's
 * real path can be compared with it by prefix: a link pointing outside is refused, one inside works.
 */
record DirectoryRoot(Path realPath, String description) implements StaticRoot {

    /** The directory at {@code directory}; it must exist when the app is built. */
    static DirectoryRoot of(Path directory, String description) {
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ImproperlyConfiguredException("Static files: " + description + " is not a directory");
            }
            return new DirectoryRoot(real, description);
        } catch (NoSuchFileException e) {
            throw new ImproperlyConfiguredException(
                    "Static files: the directory " + directory.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new ImproperlyConfiguredException(
                    "Static files: cannot read the directory " + description + ": " + e, e);
        }
    }

    @Override
    public FileContent file(List<String> segments, boolean inline) {
        Path real = resolve(segments);
        if (real == null) {
            return null;
        }
        PathSource source;
        try {
            // one read of the attributes answers "is it a file" and gives size and time for the response
            source = PathSource.read(real);
        } catch (IOException | SecurityException unreadable) {
            return null;
        }
        return source == null
                ? null
                : new FileContent(source, real.getFileName().toString(), inline);
    }

    /**
     * The real path of {@code segments} when it exists inside this directory, else null. The
     * lexical path cannot leave the directory (the segments are checked); resolving the real path
     * catches symbolic links that point outside it.
     */
    private Path resolve(List<String> segments) {
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
}

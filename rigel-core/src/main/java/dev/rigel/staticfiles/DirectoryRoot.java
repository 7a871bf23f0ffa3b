package dev.rigel.staticfiles;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.response.FileResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
    public Object file(List<String> segments, boolean inline) {
        Path real = resolve(segments);
        if (real == null || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        FileResponse file = FileResponse.of(real);
        return inline ? file.inline() : file;
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

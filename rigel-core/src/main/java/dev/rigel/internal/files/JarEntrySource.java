package dev.rigel.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A file entry of a jar, read through a {@link ZipFile} kept open by its owner. Size and time come
 * from the jar's central directory (the extended timestamp when the entry has one, as the JDK's zip
 * file system reads it too).
 */
public record JarEntrySource(ZipFile jar, ZipEntry entry) implements FileSource {

    @Override
    public long size() {
        return entry.getSize();
    }

    @Override
    public Instant lastModified() {
        FileTime time = entry.getLastModifiedTime();
        return time == null ? Instant.EPOCH : time.toInstant();
    }

    /** A compressed entry cannot seek: the bytes before {@code offset} are inflated and dropped. */
    @Override
    public InputStream open(long offset) throws IOException {
        InputStream in = jar.getInputStream(entry);
        if (in == null) {
            throw new NoSuchFileException(entry.getName(), null, "no longer in " + jar.getName());
        }
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** The installed detectors guess from the name alone, so the entry's name stands in for a path. */
    @Override
    public String probeContentType() {
        String name = entry.getName();
        try {
            return Files.probeContentType(Path.of(name.substring(name.lastIndexOf('/') + 1)));
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return jar.getName() + "!/" + entry.getName();
    }
}

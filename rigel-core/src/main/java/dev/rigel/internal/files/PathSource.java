package dev.rigel.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/** A file on a file system, with the attributes read when the response was prepared. */
public record PathSource(Path path, long size, Instant lastModified) implements FileSource {

    /**
     * The regular file at {@code path}, or null when it is something else (a directory or device
     * is as good as missing to a client).
     *
     * @throws java.nio.file.NoSuchFileException when nothing is there
     */
    public static PathSource read(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            return null;
        }
        return new PathSource(
                path, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    @Override
    public InputStream open(long offset) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        // reads straight into the caller's array, as the channel's own reads would
        return Channels.newInputStream(channel);
    }

    @Override
    public String probeContentType() {
        try {
            return Files.probeContentType(path);
        } catch (IOException e) {
            return null; // no detector could tell
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

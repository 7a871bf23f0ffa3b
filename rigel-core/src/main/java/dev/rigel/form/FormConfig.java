package dev.rigel.form;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Limits and storage for form bodies, set with {@code App.builder().forms(config)}. The whole body
 * is also bounded by the route's {@code maxBodySize} (413 when over).
 *
 * <ul>
 *   <li>{@code memoryThreshold} (1 MiB): an uploaded file up to this size stays in memory; a larger
 *       one goes to a temporary file, deleted when the request is over.</li>
 *   <li>{@code maxParts} (1000): parts (fields and files) one multipart body may have; more is a 400.</li>
 *   <li>{@code maxFieldSize} (1 MiB): a text field's size (text fields are held in memory); over is a 413.</li>
 *   <li>{@code maxFileSize} (-1, only the body limit): one file's size; over is a 413.</li>
 *   <li>{@code maxPartHeaderSize} (10 KiB): the headers of one part; over is a 400.</li>
 *   <li>{@code tempDirectory} (the JVM's {@code java.io.tmpdir}): where large files are spooled.</li>
 * </ul>
 */
public record FormConfig(
        long memoryThreshold,
        int maxParts,
        long maxFieldSize,
        long maxFileSize,
        int maxPartHeaderSize,
        Path tempDirectory) {

    public static final FormConfig DEFAULT = builder().build();

    public FormConfig {
        if (memoryThreshold < 0
                || maxParts < 1
                || maxFieldSize < 1
                || maxFileSize == 0
                || maxFileSize < -1
                || maxPartHeaderSize < 1) {
            throw new IllegalArgumentException(
                    "Form limits must be positive (maxFileSize: -1 for no limit of its own)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FormConfig}; every setting has the default listed on the class. */
    public static final class Builder {
        private long memoryThreshold = 1024 * 1024;
        private int maxParts = 1000;
        private long maxFieldSize = 1024 * 1024;
        private long maxFileSize = -1;
        private int maxPartHeaderSize = 10 * 1024;
        private Path tempDirectory;

        private Builder() {}

        public Builder memoryThreshold(long bytes) {
            this.memoryThreshold = bytes;
            return this;
        }

        public Builder maxParts(int parts) {
            this.maxParts = parts;
            return this;
        }

        public Builder maxFieldSize(long bytes) {
            this.maxFieldSize = bytes;
            return this;
        }

        /** The largest file accepted, in bytes; -1 leaves only the route's body limit. */
        public Builder maxFileSize(long bytes) {
            this.maxFileSize = bytes;
            return this;
        }

        public Builder maxPartHeaderSize(int bytes) {
            this.maxPartHeaderSize = bytes;
            return this;
        }

        public Builder tempDirectory(Path directory) {
            this.tempDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public FormConfig build() {
            return new FormConfig(
                    memoryThreshold, maxParts, maxFieldSize, maxFileSize, maxPartHeaderSize, tempDirectory);
        }
    }
}

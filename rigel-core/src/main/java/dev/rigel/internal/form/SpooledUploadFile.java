package dev.rigel.internal.form;

import dev.rigel.form.UploadFile;
import dev.rigel.protocol.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** An upload held in memory ({@code memory}) or, past the threshold, in a temporary file ({@code file}). */
record SpooledUploadFile(
        String fieldName, String filename, String contentType, Headers headers, long size, byte[] memory, Path file)
        implements UploadFile {

    @Override
    public byte[] bytes() throws IOException {
        return memory != null ? memory.clone() : Files.readAllBytes(file);
    }

    @Override
    public InputStream inputStream() throws IOException {
        return memory != null ? new ByteArrayInputStream(memory) : Files.newInputStream(file);
    }

    @Override
    public void transferTo(Path target) throws IOException {
        if (memory != null) {
            Files.write(target, memory);
        } else {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<Path> spooledTo() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return "UploadFile[" + fieldName + ": " + filename + ", " + contentType + ", " + size + " bytes"
                + (file == null ? "" : ", spooled to " + file) + "]";
    }
}

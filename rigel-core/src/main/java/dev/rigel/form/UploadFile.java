package dev.rigel.form;

import dev.rigel.protocol.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file sent in a {@code multipart/form-data} body. Small files are kept in memory; one larger
 * than {@link FormConfig#memoryThreshold()} is written to a temporary file as it arrives, and that
 * file is deleted when the request is over, with the handler's other cleanups (also when it
 * failed): once the response is built, or once a streamed response was sent. Copy what must
 * outlive the request with {@link #transferTo(Path)}.
 *
 * <pre>{@code
 * @Post("/avatar")
 * public Map<String, Object> upload(UploadFile data) throws IOException {
 *     data.transferTo(avatars.resolve(UUID.randomUUID() + ".png"));
 *     return Map.of("name", data.filename(), "size", data.size());
 * }
 * }</pre>
 */
public interface UploadFile {

    /** The form field the file was sent under. */
    String fieldName();

    /** The file name the client gave (as sent: never use it as a path without checking it). */
    String filename();

    /** The part's {@code Content-Type}, {@code application/octet-stream} when it sent none. */
    String contentType();

    /** Every header of the part ({@code Content-Disposition}, {@code Content-Type}, …). */
    Headers headers();

    /** The size in bytes. */
    long size();

    /** The whole content; reads the temporary file when the upload was spooled to disk. */
    byte[] bytes() throws IOException;

    /** The content as text in {@code charset}. */
    default String text(Charset charset) throws IOException {
        return new String(bytes(), charset);
    }

    /** A fresh stream over the content, from its start; the caller closes it. */
    InputStream inputStream() throws IOException;

    /** Copies the content to {@code target}, replacing a file already there. */
    void transferTo(Path target) throws IOException;

    /** The temporary file holding the content, when it was too large to keep in memory. */
    Optional<Path> spooledTo();
}

package dev.rigel.internal.files;

import java.util.Objects;

/**
 * What a static files route answers with, a file on disk or a jar entry: sent exactly as a
 * {@link dev.rigel.response.FileResponse} with the same name and disposition would be, from the
 * attributes the route read when it found the file. Internal because the public file response
 * stays {@code Path}-based; the response encoder recognises this type beside the
 * {@link dev.rigel.response.ResponseContent}s.
 */
public record FileContent(FileSource source, String filename, boolean inline) {

    public FileContent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(filename, "filename");
    }
}

package dev.rigel.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A regular file as a response sends it: its size and modification time (the validators are
 * derived from them without reading it) and its bytes from an offset (a byte range, or all).
 */
public sealed interface FileSource permits PathSource, JarEntrySource {

    /** The size in bytes. */
    long size();

    /** When the file was last modified. */
    Instant lastModified();

    /** The file's bytes from {@code offset} on; the caller closes the stream. */
    InputStream open(long offset) throws IOException;

    /**
     * The content type the JDK's installed detectors guess (they look at the name), or null; asked
     * only when the extension is not in Rigel's own table.
     */
    String probeContentType();
}

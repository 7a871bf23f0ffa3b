package dev.rigel.testing;

import java.io.InputStream;

/**
 * A test request's body: whole bytes (sent with {@code Content-Length}), or a stream sent as it is
 * read, without a declared length (chunked over HTTP/1.1, several body messages in-process).
 */
record OutgoingBody(byte[] bytes, InputStream chunks) {

    static final OutgoingBody EMPTY = new OutgoingBody(new byte[0], null);

    /** The size of one in-process body message cut from a streamed body. */
    static final int CHUNK = 64 * 1024;

    static OutgoingBody of(byte[] bytes) {
        return new OutgoingBody(bytes, null);
    }

    static OutgoingBody streamed(InputStream chunks) {
        return new OutgoingBody(new byte[0], chunks);
    }

    boolean isStreamed() {
        return chunks != null;
    }
}

package dev.rigel.testing;

import dev.rigel.protocol.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A response whose body is read as it arrives ({@link TestRequest#stream()}): for server-sent
 * events and streams. Closing it before the body ended is the client leaving, as a browser closing
 * the page: in-process the app's {@code receive} then yields Disconnect and its sends fail; over
 * HTTP the connection is closed.
 */
public final class StreamedTestResponse implements AutoCloseable {

    private final int status;
    private final Headers headers;
    private final InputStream body;
    private final Runnable leave;
    private boolean closed;
    /** Run once after closing: the client forgets the response. */
    private Runnable afterClose = () -> {};

    StreamedTestResponse(int status, Headers headers, InputStream body, Runnable leave) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.leave = leave;
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The body, read as the app sends it; blocks while nothing has arrived. */
    public InputStream body() {
        return body;
    }

    /** Leaves: stops reading and goes away, whether or not the body ended. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            leave.run();
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            afterClose.run();
        }
    }

    /** Sets what runs once this response is closed (the client's bookkeeping). */
    synchronized void afterClose(Runnable action) {
        this.afterClose = action;
    }
}

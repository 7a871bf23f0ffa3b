package dev.rigel.response;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Objects;

/**
 * A body produced piece by piece and sent as it is produced (chunked on HTTP/1.1, DATA frames on
 * HTTP/2), with no {@code Content-Length}.
 *
 * <p>From an {@code Iterator} or {@code Iterable}: each element becomes one body message; a
 * {@code String} is sent as UTF-8 and a {@code byte[]} as is, anything else as one line of JSON
 * (JSON Lines: the JSON followed by {@code \n}). The default media type is
 * {@code text/plain; charset=utf-8}. From an {@code InputStream}: read in chunks of up to 64 KiB,
 * default media type {@code application/octet-stream}.
 *
 * <p>The source is closed when the stream ends, fails or the client leaves, if it is
 * {@link AutoCloseable} (an {@code InputStream} always is). When the client leaves, the stream
 * simply stops: nothing is logged as an error.
 *
 * <pre>{@code
 * return Stream.of(rows.iterator()).mediaType("application/x-ndjson");
 * }</pre>
 */
public final class Stream implements ResponseContent {

    private final Object source;
    private final String mediaType;
    private final boolean interruptOnDisconnect;

    /** the type {@link #mediaType(String)} chose, or null for the source's default */
    private final String chosenType;

    private Stream(Object source, String chosenType, boolean interruptOnDisconnect) {
        this.source = source;
        this.chosenType = chosenType;
        this.mediaType = chosenType != null
                ? chosenType
                : source instanceof InputStream ? "application/octet-stream" : "text/plain; charset=utf-8";
        this.interruptOnDisconnect = interruptOnDisconnect;
    }

    public static Stream of(Iterator<?> elements) {
        return new Stream(Objects.requireNonNull(elements, "elements"), null, false);
    }

    public static Stream of(Iterable<?> elements) {
        Objects.requireNonNull(elements, "elements");
        // an AutoCloseable Iterable is closed, not only its iterator
        return new Stream(
                elements instanceof AutoCloseable ? new ClosingIterator(elements) : elements.iterator(), null, false);
    }

    public static Stream of(InputStream input) {
        return new Stream(Objects.requireNonNull(input, "input"), null, false);
    }

    /**
     * The {@code Content-Type} of the stream. Without one, the route's declared media type
     * ({@code @Get(mediaType = …)}) applies, else the source's default.
     */
    public Stream mediaType(String newMediaType) {
        return new Stream(source, Objects.requireNonNull(newMediaType, "mediaType"), interruptOnDisconnect);
    }

    /**
     * Stops the source as soon as the client leaves, even while it waits for its next element:
     * the thread sending the stream is interrupted, so a source blocked in {@code next()} or
     * {@code read()} on something interruptible (a {@code BlockingQueue}, a lock) wakes up and the
     * stream ends quietly. Off by default, because an interrupt also aborts whatever blocking I/O
     * the source is doing: it closes an NIO channel or a virtual thread's socket, which would
     * break, say, a pooled JDBC connection the source reads rows from. Without it a departed client
     * is noticed at the stream's next write.
     */
    public Stream interruptOnDisconnect() {
        return new Stream(source, chosenType, true);
    }

    /** Whether the source is interrupted when the client leaves (see {@link #interruptOnDisconnect()}). */
    public boolean interruptsOnDisconnect() {
        return interruptOnDisconnect;
    }

    /** The source: an {@code Iterator<?>} or an {@code InputStream}. */
    public Object source() {
        return source;
    }

    /** The {@code Content-Type} chosen with {@link #mediaType(String)}, else the source's default. */
    public String mediaType() {
        return mediaType;
    }

    /** Whether {@link #mediaType(String)} chose the type (otherwise a route's declared type beats the default). */
    public boolean hasChosenMediaType() {
        return chosenType != null;
    }

    @Override
    public String toString() {
        return "Stream[" + mediaType + "]";
    }

    /** Iterates an Iterable and closes the Iterable itself when closed. */
    private static final class ClosingIterator implements Iterator<Object>, AutoCloseable {
        private final Iterable<?> iterable;
        private final Iterator<?> iterator;

        ClosingIterator(Iterable<?> iterable) {
            this.iterable = iterable;
            this.iterator = iterable.iterator();
        }

        @Override
        public boolean hasNext() {
            return iterator.hasNext();
        }

        @Override
        public Object next() {
            return iterator.next();
        }

        @Override
        public void close() throws Exception {
            if (iterator instanceof AutoCloseable closeable && closeable != iterable) {
                closeable.close();
            }
            ((AutoCloseable) iterable).close();
        }
    }
}

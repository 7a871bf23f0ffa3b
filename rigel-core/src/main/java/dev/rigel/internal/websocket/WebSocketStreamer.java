package dev.rigel.internal.websocket;

import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.protocol.Message;
import dev.rigel.websocket.WebSocketConnection.ReadyState;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a streaming {@code @WebSocket} handler returned (an {@code Iterator}, an
 * {@code Iterable} or a {@code java.util.stream.Stream}; Litestar's {@code websocket_stream}):
 * accepts the connection if the handler did not, sends each element as {@link WebSocketReplies}
 * encodes it, and stops when the source ends or the client leaves (seen at once by a
 * {@link StreamWatch}). The source is closed however sending ends, if it is {@link AutoCloseable}.
 */
public final class WebSocketStreamer {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.websocket");

    private final WebSocketReplies replies;
    private final boolean allowDataDiscard;
    private final boolean interruptOnDisconnect;

    public WebSocketStreamer(WebSocketReplies replies, boolean allowDataDiscard, boolean interruptOnDisconnect) {
        this.replies = replies;
        this.allowDataDiscard = allowDataDiscard;
        this.interruptOnDisconnect = interruptOnDisconnect;
    }

    /** Streams {@code source} (what the handler returned; null sends nothing) over {@code socket}. */
    void send(WebSocketSession socket, Object source, Object route) {
        if (source == null) {
            return;
        }
        Iterator<?> elements = elements(source);
        StreamWatch watch = null;
        try {
            if (socket.readyState() == ReadyState.CONNECTING) {
                socket.accept();
            }
            if (socket.readyState() == ReadyState.CLOSED) {
                return; // the handler closed the connection itself
            }
            watch = StreamWatch.start(socket, allowDataDiscard, interruptOnDisconnect, route);
            while (!watch.stopped() && elements.hasNext()) {
                Object element = elements.next();
                if (watch.stopped()) {
                    break; // the client left while the source produced this one
                }
                Message.WebSocketSend message = replies.message(element);
                if (message != null) {
                    socket.send(message);
                }
            }
        } catch (WebSocketDisconnectException gone) {
            LOG.debug("{}: the WebSocket closed while streaming ({})", route, gone.code());
        } catch (RuntimeException e) {
            // after the client left, whatever an interrupted source threw is only its way of stopping
            if (watch == null || !watch.finish()) {
                throw e;
            }
            LOG.debug("{}: the stream's source stopped after the client left: {}", route, e.toString());
        } finally {
            if (watch != null) {
                watch.finish();
            }
            close(source, elements, route);
        }
    }

    private static Iterator<?> elements(Object source) {
        return switch (source) {
            case Iterator<?> iterator -> iterator;
            case Iterable<?> iterable -> iterable.iterator();
            case java.util.stream.BaseStream<?, ?> stream -> stream.iterator();
            default ->
                throw new IllegalStateException("A streaming WebSocket handler returned a "
                        + source.getClass().getName() + "; it must return an Iterator, an Iterable or a Stream");
        };
    }

    /** Closes the source and, if it is a different object, the iterator it gave. */
    private static void close(Object source, Iterator<?> elements, Object route) {
        closeQuietly(elements, route);
        if (source != elements) {
            closeQuietly(source, route);
        }
    }

    private static void closeQuietly(Object source, Object route) {
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the source of the WebSocket stream of {} failed", route, e);
            }
        }
    }
}

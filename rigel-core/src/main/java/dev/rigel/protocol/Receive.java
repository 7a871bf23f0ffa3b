package dev.rigel.protocol;

/**
 * Blocking source of inbound messages: for HTTP, request body chunks, then
 * {@link Message.Disconnect}; for WebSocket, {@link Message.WebSocketConnect}, then whole
 * {@link Message.WebSocketReceive} messages, then {@link Message.WebSocketDisconnect}.
 */
@FunctionalInterface
public interface Receive {

    /**
     * Returns the next inbound message, waiting for it if needed. For HTTP this yields
     * {@link Message.RequestBody} chunks until one has {@code moreBody == false}. A call after
     * that blocks until the client goes away or the exchange is over (the response is complete,
     * or the application returned), and then yields {@link Message.Disconnect}, as ASGI's
     * {@code http.disconnect}: a long response can wait for it on a thread of its own to notice
     * a departed client while it has nothing to write. A client that leaves mid-body ends the
     * body with {@code Disconnect} at once. Code that reads the body must stop at
     * {@code moreBody == false}, not wait for {@code Disconnect}. An application the server calls
     * inline ({@link Application#runsInline}) must not block, and there a call after the body
     * yields {@code Disconnect} at once. For a WebSocket it yields
     * {@link Message.WebSocketConnect} first, then the client's messages, then (once the client
     * closed, the connection dropped, or the application sent {@link Message.WebSocketClose})
     * {@link Message.WebSocketDisconnect}, and from then on that again.
     */
    Message receive() throws InterruptedException;
}

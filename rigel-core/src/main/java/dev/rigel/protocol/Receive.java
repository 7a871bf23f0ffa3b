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
     * {@link Message.RequestBody} chunks until one has {@code moreBody == false}; after that, or
     * when the client goes away, it yields {@link Message.Disconnect}. For a WebSocket it yields
     * {@link Message.WebSocketConnect} first, then the client's messages, then (once the client
     * closed, the connection dropped, or the application sent {@link Message.WebSocketClose})
     * {@link Message.WebSocketDisconnect}, and from then on that again.
     */
    Message receive() throws InterruptedException;
}

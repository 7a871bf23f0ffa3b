package dev.rigel.protocol;

import java.io.IOException;

/**
 * Blocking sink for outbound messages. For HTTP: exactly one {@link Message.ResponseStart}, then
 * {@link Message.ResponseBody} chunks until one has {@code moreBody == false}. Implementations are
 * safe to call from any thread, but a single exchange's messages must be sent in order.
 *
 * <p>For a WebSocket: {@link Message.WebSocketAccept} (or a refusal), then any number of
 * {@link Message.WebSocketSend}, which several threads may send at once (each message goes out
 * whole), then {@link Message.WebSocketClose}. A send blocks only while the connection's outbound
 * buffer is full; after the connection closed it throws {@link java.io.IOException}.
 */
@FunctionalInterface
public interface Send {

    void send(Message message) throws IOException;
}

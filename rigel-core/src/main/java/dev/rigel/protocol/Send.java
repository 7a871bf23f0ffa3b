package dev.rigel.protocol;

import java.io.IOException;

/**
 * Blocking sink for outbound messages. For HTTP: exactly one {@link Message.ResponseStart}, then
 * {@link Message.ResponseBody} chunks until one has {@code moreBody == false}. Implementations are
 * safe to call from any thread, but a single exchange's messages must be sent in order.
 */
@FunctionalInterface
public interface Send {

    void send(Message message) throws IOException;
}

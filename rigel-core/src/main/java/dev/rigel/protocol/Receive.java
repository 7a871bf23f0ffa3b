package dev.rigel.protocol;

/** Blocking source of inbound messages: request body chunks, then {@link Message.Disconnect}. */
@FunctionalInterface
public interface Receive {

    /**
     * Returns the next inbound message, waiting for it if needed. For HTTP this yields
     * {@link Message.RequestBody} chunks until one has {@code moreBody == false}; after that, or
     * when the client goes away, it yields {@link Message.Disconnect}.
     */
    Message receive() throws InterruptedException;
}

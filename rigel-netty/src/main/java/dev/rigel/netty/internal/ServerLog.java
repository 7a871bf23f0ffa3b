package dev.rigel.netty.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one logger of the server's internals, named after {@link dev.rigel.netty.RigelServer} so
 * that a single logger setting covers the whole server. It has its own holder because the
 * connection, TLS and WebSocket classes log too, not only the exchanges.
 */
final class ServerLog {

    static final Logger LOG = LoggerFactory.getLogger("dev.rigel.netty.RigelServer");

    private ServerLog() {}
}

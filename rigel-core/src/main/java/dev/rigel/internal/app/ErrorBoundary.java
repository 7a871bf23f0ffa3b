package dev.rigel.internal.app;

import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;

/**
 * Turns an exception that escapes a middleware into the layers' error response, at the point it
 * escapes. Placed under every middleware, so a middleware further out (tracing, logging, CORS)
 * sees a 401 raised by an auth middleware as an ordinary response passing through its
 * {@code send}, not as an exception. After the response has started there is nothing left to
 * answer with, so the exception goes on up to the server. Before a WebSocket handshake is
 * answered, the error response refuses it.
 */
final class ErrorBoundary implements Application {

    private final Application inner;
    private final AppServices services;
    private final dev.rigel.http.HandlerInfo plan;
    private final MergedLayers layers;

    ErrorBoundary(Application inner, AppServices services, dev.rigel.http.HandlerInfo plan, MergedLayers layers) {
        this.inner = inner;
        this.services = services;
        this.plan = plan;
        this.layers = layers;
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        TrackingSend tracking = new TrackingSend(send);
        try {
            inner.call(scope, receive, tracking);
        } catch (Throwable failure) {
            if (tracking.started) {
                throw failure;
            }
            Exchange exchange = new Exchange(scope, receive, services, plan, layers.maxBodySize);
            services.errors()
                    .render(exchange, failure, layers.exceptionHandlers)
                    .send(tracking);
        }
    }

    /**
     * Notes whether the response has started, so a late failure is not answered twice. For a
     * WebSocket, answering the handshake (accepting or refusing it) is the start.
     */
    private static final class TrackingSend implements Send {
        private final Send delegate;
        boolean started;

        TrackingSend(Send delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(Message message) throws java.io.IOException {
            if (message instanceof Message.ResponseStart
                    || message instanceof Message.WebSocketAccept
                    || message instanceof Message.WebSocketClose) {
                started = true;
            }
            delegate.send(message);
        }
    }
}

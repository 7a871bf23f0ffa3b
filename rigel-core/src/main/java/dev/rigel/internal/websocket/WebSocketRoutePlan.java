package dev.rigel.internal.websocket;

import dev.rigel.di.Outcome;
import dev.rigel.di.Scoped;
import dev.rigel.dto.DTODescription;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.exceptions.WebSocketException;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.app.ErrorResponder;
import dev.rigel.internal.app.Outages;
import dev.rigel.internal.app.RouteDescription;
import dev.rigel.internal.app.ServedRoute;
import dev.rigel.internal.binding.BoundParam;
import dev.rigel.internal.binding.LayerParameters;
import dev.rigel.internal.binding.ProviderStep;
import dev.rigel.internal.binding.RouteGuards;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.websocket.CloseCodes;
import dev.rigel.websocket.WebSocketConnection.ReadyState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything needed to serve one WebSocket route, resolved at startup: merged layers, bound
 * parameters of the handler (or of a listener's three callbacks), dependency steps and the
 * middleware chain.
 *
 * <p>A connection runs: guards, dependencies (once per connection), then the handler (and, for one
 * that returns a stream, the sending of its elements), or for a
 * listener: accept, {@code onAccept}, {@code onReceive} per message (its result is the reply),
 * and {@code onDisconnect} once the connection is over. A failure before the handshake was
 * answered becomes the HTTP error response the exception stands for (through the layers'
 * exception handlers), which the server sends instead of the 101; after it, the connection is
 * closed with the code of a {@link WebSocketException} or with 4500. Scoped dependencies are
 * cleaned up after the connection is over.
 */
public final class WebSocketRoutePlan implements ServedRoute {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.websocket");

    /** A WebSocket handshake has no body: what {@link Exchange} reads when something asks for one. */
    private static final Receive NO_BODY = () -> Message.Disconnect.INSTANCE;

    /** Something to call with its bound parameters. */
    public record Call(CallableSpec callable, BoundParam[] params) {}

    private final RouteDescription description;
    private final String name;
    private final MergedLayers layers;
    private final boolean listener;
    /** The request parameters the route's layers declare, checked before the handshake is answered. */
    private final LayerParameters layerParameters;

    private final Call handler;
    private final Call onAccept;
    private final Call onDisconnect;
    private final ProviderStep[] steps;
    private final int slotCount;
    private final RouteGuards guards;
    /** Encodes a listener's replies; null for a handler. */
    private final WebSocketReplies replies;
    /** Sends what a streaming handler returns; null for a listener or a handler that returns nothing. */
    private final WebSocketStreamer streamer;

    private final AppServices services;
    private final Application entry;

    public WebSocketRoutePlan(
            String pathTemplate,
            String name,
            MergedLayers layers,
            boolean listener,
            LayerParameters layerParameters,
            Call handler,
            Call onAccept,
            Call onDisconnect,
            List<ProviderStep> steps,
            int slotCount,
            WebSocketReplies replies,
            WebSocketStreamer streamer,
            RouteGuards guards,
            AppServices services,
            DTODescription dataDto,
            DTODescription returnDto) {
        this.description = RouteDescription.webSocket(pathTemplate, name, layers, dataDto, returnDto);
        this.name = name;
        this.layers = layers;
        this.listener = listener;
        this.layerParameters = layerParameters;
        this.handler = handler;
        this.onAccept = onAccept;
        this.onDisconnect = onDisconnect;
        this.steps = steps.toArray(ProviderStep[]::new);
        this.slotCount = slotCount;
        this.guards = guards;
        this.replies = replies;
        this.streamer = streamer;
        this.services = services;
        List<Middleware> chained = services.withBuiltIns(layers.middleware);
        this.description.chained(chained);
        this.entry = services.chain(chained, this::handle, this.description, layers, name);
    }

    /** The route's entry point: its middleware chain around {@link #handle}. */
    @Override
    public Application entry() {
        return entry;
    }

    private void handle(Scope scope, Receive receive, Send send) throws Exception {
        Message first = receive.receive();
        if (first instanceof Message.WebSocketDisconnect) {
            return; // the client left before the handshake was answered
        }
        if (!(first instanceof Message.WebSocketConnect)) {
            throw new IllegalStateException("A WebSocket exchange starts with WebSocketConnect, not " + first);
        }
        WebSocketRouteExchange exchange = new WebSocketRouteExchange(scope, NO_BODY, services, description);
        WebSocketSession socket = new WebSocketSession(exchange, receive, send, services);
        exchange.session = socket;
        Throwable failure = null;
        boolean listening = false;
        try {
            guards.checkPlain(exchange, description);
            if (!layerParameters.isEmpty()) {
                List<ValidationError> refused = layerParameters.check(exchange, null);
                if (refused != null) {
                    throw ValidationException.forRequest("WEBSOCKET", exchange.path(), refused);
                }
            }
            if (slotCount > 0) {
                exchange.dependencyValues = new Object[slotCount];
                for (ProviderStep step : steps) {
                    step.resolve(exchange);
                }
            }
            guards.checkDependent(exchange);
            if (listener) {
                socket.accept();
                listening = true;
                listen(exchange, socket);
            } else {
                Object returned = call(handler, exchange);
                if (streamer != null) {
                    streamer.send(socket, returned, this);
                }
            }
            if (socket.readyState() != ReadyState.CLOSED) {
                if (!socket.wasAccepted()) {
                    LOG.warn("{} returned without accepting the connection; refusing it", this);
                }
                socket.close();
            }
        } catch (Throwable t) {
            failure = t;
            fail(exchange, socket, t, send);
        } finally {
            if (listening && onDisconnect != null) {
                try {
                    call(onDisconnect, exchange);
                } catch (Throwable t) {
                    LOG.error("onDisconnect of {} failed", this, t);
                    failure = failure == null ? t : failure;
                }
            }
            if (exchange.cleanups != null) {
                runCleanups(exchange, failure instanceof WebSocketDisconnectException ? null : failure);
            }
        }
    }

    private void listen(WebSocketRouteExchange exchange, WebSocketSession socket) throws Throwable {
        if (onAccept != null) {
            call(onAccept, exchange);
        }
        Message.WebSocketReceive message;
        while ((message = socket.nextMessage()) != null) {
            exchange.message = message;
            Object reply = call(handler, exchange);
            exchange.message = null;
            Message.WebSocketSend out = replies.message(reply);
            if (out != null) {
                socket.send(out);
            }
        }
    }

    /** Binds every parameter (reporting all bad ones at once, as for HTTP) and calls. */
    private static Object call(Call call, Exchange exchange) throws Throwable {
        BoundParam[] params = call.params();
        Object[] args = new Object[params.length];
        List<ValidationError> errors = null;
        for (int i = 0; i < params.length; i++) {
            try {
                args[i] = params[i].binder().bind(exchange);
            } catch (ValidationException e) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.addAll(e.errors());
            }
        }
        if (errors != null) {
            throw ValidationException.forRequest("WEBSOCKET", exchange.path(), errors);
        }
        return call.callable().invoker().invoke(args);
    }

    /**
     * Answers a failure: before the handshake, with the HTTP error response for it; after, by
     * closing with its code. A disconnect needs no answer: the connection is already gone.
     */
    private void fail(Exchange exchange, WebSocketSession socket, Throwable failure, Send send) {
        ReadyState state = socket.readyState();
        if (failure instanceof WebSocketDisconnectException disconnect
                && (state == ReadyState.CLOSED || !Message.WebSocketClose.sendable(disconnect.code()))) {
            // a send that found the connection gone throws 1006 before any receive saw the close
            // (the session is still OPEN then): no close frame may carry 1006, and none could arrive
            LOG.debug(
                    "{} ended: the WebSocket closed with {}",
                    this,
                    state == ReadyState.CLOSED ? socket.closeCode() : disconnect.code());
            return;
        }
        if (state == ReadyState.CONNECTING && failure instanceof WebSocketException refusal) {
            // an explicit close code: refuse as the handler would have with close(code, reason)
            LOG.debug("{} refuses the connection with {} {}", this, refusal.code(), refusal.reason());
            socket.close(refusal.code(), refusal.reason());
            return;
        }
        if (state == ReadyState.CONNECTING) {
            try {
                services.errors()
                        .render(exchange, failure, layers.exceptionHandlers)
                        .send(send);
            } catch (IOException gone) {
                LOG.debug("{}: the client left before it was refused", this);
            }
            return;
        }
        int code = CloseCodes.HANDLER_ERROR;
        String reason = "Internal Server Error";
        if (failure instanceof WebSocketException socketFailure) {
            code = socketFailure.code();
            reason = socketFailure.reason();
            LOG.debug("{} closes with {} {}", this, code, reason);
        } else if (!(failure instanceof HttpException) && Outages.find(failure) != null) {
            // a store or broker went away mid-connection: it logs the outage once; the client may come back
            code = CloseCodes.TRY_AGAIN_LATER;
            reason = "Service Unavailable";
            LOG.debug("{} met an outage; closing with {}: {}", this, code, failure.toString());
        } else if (failure instanceof HttpException http && http.statusCode() < 500) {
            reason = WebSocketException.fit(http.detail());
            LOG.info("{} failed with {}; closing with {}", this, http, code);
        } else {
            if (failure instanceof HttpException http) {
                reason = WebSocketException.fit(http.detail());
            }
            LOG.error("Unhandled exception in {}; closing with {}", this, code, failure);
            exchange.scope().state().put(ErrorResponder.UNHANDLED, failure);
        }
        if (state == ReadyState.OPEN) {
            socket.close(code, reason);
        }
    }

    private void runCleanups(Exchange exchange, Throwable failure) {
        Outcome outcome = failure == null ? Outcome.success() : Outcome.failed(failure);
        List<Scoped.Cleanup> cleanups = exchange.cleanups;
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).close(outcome);
            } catch (Throwable t) {
                LOG.error("Cleanup of a dependency of {} failed", this, t);
            }
        }
    }

    @Override
    public RouteDescription description() {
        return description;
    }

    @Override
    public String toString() {
        return description.toString();
    }
}

package dev.rigel.otel.internal;

import dev.rigel.http.HandlerInfo;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.spi.StateKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.InetSocketAddress;

/**
 * A {@code SERVER} span per request, following the HTTP semantic conventions: named
 * {@code METHOD route-template} ({@code METHOD} alone when no route matched, keeping span names
 * low in cardinality), child of the context the client propagated ({@code traceparent} /
 * {@code tracestate}), and current while the handler runs, so spans the application starts are
 * its children. 5xx answers and exceptions set the error status; 4xx do not (the server did its
 * job). The span ends when the last body message went out.
 */
public final class TracingMiddleware extends AbstractMiddleware {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    /** The close code a WebSocket session's app sent (no semantic convention names one). */
    static final AttributeKey<Long> WEBSOCKET_CLOSE_CODE = AttributeKey.longKey("rigel.websocket.close_code");

    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");

    /**
     * Query parameters whose values spans never carry: the signatures OpenTelemetry's semantic
     * conventions name for {@code url.query}, and the tokens WebSocket handshakes carry.
     */
    static final java.util.Set<String> SECRET_QUERY =
            java.util.Set.of("token", "access_token", "AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature");

    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public TracingMiddleware(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Starting and ending a span is bookkeeping; exporting happens on the SDK's own threads. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        Context parent = propagator.extract(Context.root(), scope.headers(), HeadersGetter.INSTANCE);
        HandlerInfo handler = HandlerInfo.of(scope);
        String method = scope.method();
        SpanBuilder builder = tracer.spanBuilder(handler == null ? method : method + " " + handler.pathTemplate())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(PATH, scope.path())
                .setAttribute(SCHEME, scope.scheme() == null ? "http" : scope.scheme());
        if (handler != null) {
            builder.setAttribute(ROUTE, handler.pathTemplate());
        }
        if (scope.queryString() != null && !scope.queryString().isEmpty()) {
            builder.setAttribute(
                    QUERY, dev.rigel.spi.QueryRedaction.redact(scope.queryString(), SECRET_QUERY, "REDACTED"));
        }
        serverAddress(scope, builder);
        if (scope.client() != null) {
            builder.setAttribute(CLIENT_ADDRESS, scope.client().getHostString());
        }
        if (scope.httpVersion() != null) {
            builder.setAttribute(PROTOCOL_VERSION, scope.httpVersion());
        }
        String agent = scope.headers().get("user-agent");
        if (agent != null) {
            builder.setAttribute(USER_AGENT, agent);
        }
        Span span = builder.startSpan();
        int[] status = {0};
        boolean[] ended = {false};
        Throwable failure = null;
        boolean webSocket = scope.type() == ScopeType.WEBSOCKET;
        try (io.opentelemetry.context.Scope current = parent.with(span).makeCurrent()) {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart response) {
                    status[0] = response.status();
                } else if (webSocket && status[0] == 0) {
                    // a session's status is its handshake's: 101 accepted, 403 closed before accept
                    if (message instanceof Message.WebSocketAccept) {
                        status[0] = 101;
                    } else if (message instanceof Message.WebSocketClose close) {
                        status[0] = 403;
                        span.setAttribute(WEBSOCKET_CLOSE_CODE, (long) close.code());
                    }
                } else if (webSocket && message instanceof Message.WebSocketClose close) {
                    span.setAttribute(WEBSOCKET_CLOSE_CODE, (long) close.code());
                }
                try {
                    send.send(message);
                } finally {
                    if (message instanceof Message.ResponseBody body && !body.moreBody() && !ended[0]) {
                        ended[0] = true;
                        end(span, scope, status[0], null);
                    }
                }
            });
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            Middleware.whenExchangeEnds(scope, failure, error -> {
                if (!ended[0]) {
                    // an HTTP response that never started is the 500 the client got; a WebSocket
                    // session ends without one, and is no error unless it failed
                    end(span, scope, status[0] == 0 && (!webSocket || error != null) ? 500 : status[0], error);
                }
            });
        }
    }

    /** {@code server.address} / {@code server.port} as the client addressed the server (its Host header). */
    private static void serverAddress(Scope scope, SpanBuilder builder) {
        String host = scope.headers().get("host");
        if (host != null && !host.isBlank()) {
            int colon = host.lastIndexOf(':');
            boolean hasPort = colon > 0 && host.indexOf(']') < colon;
            builder.setAttribute(SERVER_ADDRESS, hasPort ? host.substring(0, colon) : host);
            if (hasPort) {
                try {
                    builder.setAttribute(SERVER_PORT, Long.parseLong(host.substring(colon + 1)));
                } catch (NumberFormatException malformed) {
                    // a port that is no number says nothing useful about the server
                }
            }
            return;
        }
        InetSocketAddress server = scope.server();
        if (server != null) {
            builder.setAttribute(SERVER_ADDRESS, server.getHostString());
            builder.setAttribute(SERVER_PORT, (long) server.getPort());
        }
    }

    private static void end(Span span, Scope scope, int status, Throwable failure) {
        if (status > 0) {
            span.setAttribute(STATUS, (long) status); // a WebSocket client gone before the handshake has none
        }
        if (failure == null && scope.state().get(StateKeys.UNHANDLED_EXCEPTION) instanceof Throwable unhandled) {
            failure = unhandled; // an unexpected exception a handler raised, already answered with a 500
        }
        if (failure != null) {
            span.recordException(failure);
            span.setAttribute(ERROR_TYPE, failure.getClass().getName());
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        } else if (status >= 500) {
            span.setAttribute(ERROR_TYPE, Integer.toString(status));
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public String toString() {
        return "TracingMiddleware";
    }
}

package dev.rigel.metrics.internal;

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
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every request in the {@code http.server.requests} timer (count, total and max latency),
 * tagged {@code method}, {@code uri} (the route template, see {@link RouteLabel}), {@code status},
 * {@code outcome} and {@code exception}, and keeps {@code http.server.requests.in.flight}. The
 * time runs until the last body message went out, so streamed responses count whole; a request
 * that failed before its response started is recorded as the 500 the client gets.
 *
 * <p>A WebSocket session is no HTTP request: it goes to the {@code websocket.server.sessions} timer
 * (session length) tagged {@code uri}, {@code code} (the close code, or the HTTP status of a refused
 * handshake), {@code outcome} ({@code REFUSED}; {@code NORMAL} for 1000, 1001 and 1005;
 * {@code APPLICATION} for the app's own 3000-4999; else {@code ERROR}, which includes 4500, an
 * unexpected exception)
 * and {@code exception}, with {@code websocket.server.sessions.active} beside it.
 */
public final class MetricsMiddleware extends AbstractMiddleware {

    public static final String REQUESTS = "http.server.requests";
    public static final String IN_FLIGHT = "http.server.requests.in.flight";
    public static final String SESSIONS = "websocket.server.sessions";
    public static final String ACTIVE_SESSIONS = "websocket.server.sessions.active";

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> timers;
    /**
     * The timers met so far, by their tags: Micrometer finds a meter by an id it builds and sorts
     * from the tags on every call, which showed in a request's profile. As many entries as the
     * registry itself holds timers for (routes × methods × statuses × exception types).
     */
    private final Map<TimerKey, Timer> requestTimers = new ConcurrentHashMap<>();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Meter.MeterProvider<Timer> sessions;
    private final AtomicInteger activeSessions = new AtomicInteger();

    public MetricsMiddleware(MeterRegistry registry) {
        this.registry = registry;
        this.timers = Timer.builder(REQUESTS)
                .description("HTTP requests served, by route template and status")
                .withRegistry(registry);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("HTTP requests being served")
                .register(registry);
        this.sessions = Timer.builder(SESSIONS)
                .description("WebSocket sessions, by route template and close code")
                .withRegistry(registry);
        Gauge.builder(ACTIVE_SESSIONS, activeSessions, AtomicInteger::get)
                .description("WebSocket sessions open")
                .register(registry);
    }

    /** Recording takes a map lookup and a few atomic updates: nothing that waits. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        if (scope.type() == ScopeType.WEBSOCKET) {
            handleWebSocket(scope, receive, send, next);
            return;
        }
        long start = registry.config().clock().monotonicTime();
        inFlight.incrementAndGet();
        int[] status = {0};
        boolean[] recorded = {false};
        Throwable failure = null;
        try {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart response) {
                    status[0] = response.status();
                }
                try {
                    send.send(message);
                } finally {
                    if (message instanceof Message.ResponseBody body && !body.moreBody() && !recorded[0]) {
                        recorded[0] = true;
                        record(scope, status[0], null, start);
                    }
                }
            });
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            Middleware.whenExchangeEnds(scope, failure, error -> {
                if (!recorded[0]) {
                    // the response never completed: an error before it started (500) or a client that left
                    record(scope, status[0] == 0 ? 500 : status[0], error, start);
                }
            });
        }
    }

    /** Watches the session's messages for its end: the first close sent or received decides the code. */
    private void handleWebSocket(Scope scope, Receive receive, Send send, Application next) throws Exception {
        long start = registry.config().clock().monotonicTime();
        activeSessions.incrementAndGet();
        // [0]: the close code or refusal status seen first; [1]: 1 once the handshake was accepted
        int[] seen = {0, 0};
        Throwable failure = null;
        try {
            next.call(
                    scope,
                    () -> {
                        Message message = receive.receive();
                        if (message instanceof Message.WebSocketDisconnect disconnect && seen[0] == 0) {
                            seen[0] = disconnect.code();
                        }
                        return message;
                    },
                    message -> {
                        if (seen[0] == 0) {
                            if (message instanceof Message.WebSocketAccept) {
                                seen[1] = 1;
                            } else if (message instanceof Message.WebSocketClose close) {
                                seen[0] = seen[1] == 1 ? close.code() : 403;
                            } else if (message instanceof Message.ResponseStart denial) {
                                seen[0] = denial.status();
                            }
                        }
                        send.send(message);
                    });
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            activeSessions.decrementAndGet();
            boolean accepted = seen[1] == 1;
            // a handler that fails leaves the server to close with 1011 (or to refuse with a 500)
            int code = seen[0] != 0 ? seen[0] : failure != null ? (accepted ? 1011 : 500) : 1000;
            String outcome = sessionOutcome(accepted, code);
            sessions.withTags(
                            "uri",
                            RouteLabel.of(HandlerInfo.of(scope), accepted ? 101 : code),
                            "code",
                            Integer.toString(code),
                            "outcome",
                            outcome,
                            "exception",
                            failure == null ? "none" : failure.getClass().getSimpleName())
                    .record(
                            registry.config().clock().monotonicTime() - start,
                            java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /**
     * 1005 is "no code given", a normal close; 3000-4999 are the application's own codes, except
     * 4500-4599, where an HTTP 5xx lands (4000 + status: an unexpected exception is 4500).
     */
    static String sessionOutcome(boolean accepted, int code) {
        if (!accepted) {
            return "REFUSED";
        }
        if (code == 1000 || code == 1001 || code == 1005) {
            return "NORMAL";
        }
        boolean serverError = code >= 4500 && code <= 4599;
        return code >= 3000 && code <= 4999 && !serverError ? "APPLICATION" : "ERROR";
    }

    private void record(Scope scope, int status, Throwable failure, long start) {
        inFlight.decrementAndGet();
        if (failure == null && scope.state().get(StateKeys.UNHANDLED_EXCEPTION) instanceof Throwable unhandled) {
            failure = unhandled; // a handler's unexpected exception, already answered with a 500 further in
        }
        long elapsed = registry.config().clock().monotonicTime() - start;
        String exception = failure == null ? "none" : failure.getClass().getSimpleName();
        TimerKey key = new TimerKey(scope.method(), RouteLabel.of(HandlerInfo.of(scope), status), status, exception);
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, this::requestTimer);
        }
        timer.record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The tags of one {@code http.server.requests} timer. */
    private record TimerKey(String method, String uri, int status, String exception) {}

    private Timer requestTimer(TimerKey key) {
        return timers.withTags(
                "method",
                key.method(),
                "uri",
                key.uri(),
                "status",
                Integer.toString(key.status()),
                "outcome",
                outcome(key.status()),
                "exception",
                key.exception());
    }

    static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return status >= 200 ? "SUCCESS" : "UNKNOWN";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        if (status < 500) {
            return "CLIENT_ERROR";
        }
        return status < 600 ? "SERVER_ERROR" : "UNKNOWN";
    }

    @Override
    public String toString() {
        return "MetricsMiddleware";
    }
}

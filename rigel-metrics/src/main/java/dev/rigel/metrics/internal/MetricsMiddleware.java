package dev.rigel.metrics.internal;

import dev.rigel.http.HandlerInfo;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.spi.StateKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every request in the {@code http.server.requests} timer (count, total and max latency),
 * tagged {@code method}, {@code uri} (the route template, see {@link RouteLabel}), {@code status},
 * {@code outcome} and {@code exception}, and keeps {@code http.server.requests.in.flight}. The
 * time runs until the last body message went out, so streamed responses count whole; a request
 * that failed before its response started is recorded as the 500 the client gets.
 */
public final class MetricsMiddleware extends AbstractMiddleware {

    public static final String REQUESTS = "http.server.requests";
    public static final String IN_FLIGHT = "http.server.requests.in.flight";

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> timers;
    private final AtomicInteger inFlight = new AtomicInteger();

    public MetricsMiddleware(MeterRegistry registry) {
        this.registry = registry;
        this.timers = Timer.builder(REQUESTS)
                .description("HTTP requests served, by route template and status")
                .withRegistry(registry);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("HTTP requests being served")
                .register(registry);
    }

    /** Recording takes a map lookup and a few atomic updates: nothing that waits. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
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
            if (!recorded[0]) {
                // the response never completed: an error before it started (500) or a client that left
                record(scope, status[0] == 0 ? 500 : status[0], failure, start);
            }
        }
    }

    private void record(Scope scope, int status, Throwable failure, long start) {
        inFlight.decrementAndGet();
        if (failure == null && scope.state().get(StateKeys.UNHANDLED_EXCEPTION) instanceof Throwable unhandled) {
            failure = unhandled; // a handler's unexpected exception, already answered with a 500 further in
        }
        long elapsed = registry.config().clock().monotonicTime() - start;
        timers.withTags(
                        "method",
                        scope.method(),
                        "uri",
                        RouteLabel.of(HandlerInfo.of(scope), status),
                        "status",
                        Integer.toString(status),
                        "outcome",
                        outcome(status),
                        "exception",
                        failure == null ? "none" : failure.getClass().getSimpleName())
                .record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
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

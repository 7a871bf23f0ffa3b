package dev.rigel.examples.seed;

import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a trace id (the client's {@code x-trace-id} when it is a sane token, else a
 * new UUID), echoes it in the response's {@code x-trace-id} header, keeps it in the request state
 * as {@code trace_id}, and logs one structured {@code request_complete} line with the trace id,
 * method, path, status and duration.
 */
public final class RequestTracingMiddleware extends AbstractMiddleware {

    public static final String HEADER = "x-trace-id";
    public static final String STATE_KEY = "trace_id";

    private static final Logger LOG = LoggerFactory.getLogger("seed.requests");
    /** A client-sent id is echoed into a header and logs, so only plain tokens are accepted. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * A random (version 4 layout) UUID from a fast generator: a trace id must be unique, not
     * unguessable, and {@code UUID.randomUUID()}'s SecureRandom showed up in request profiles.
     */
    static String newTraceId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Logging goes through an asynchronous appender (see logback.xml), so nothing here waits. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        String sent = scope.headers().get(HEADER);
        String traceId = sent != null && SAFE_ID.matcher(sent).matches() ? sent : newTraceId();
        scope.state().put(STATE_KEY, traceId);
        long start = System.nanoTime();
        int[] status = {0};
        try {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart response) {
                    response.headers().set(HEADER, traceId);
                    status[0] = response.status();
                }
                send.send(message);
            });
        } finally {
            LOG.atInfo()
                    .setMessage("request_complete")
                    .addKeyValue("trace_id", traceId)
                    .addKeyValue("method", scope.method())
                    .addKeyValue("path", scope.path())
                    .addKeyValue("status", status[0] == 0 ? 500 : status[0])
                    .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
                    .log();
        }
    }
}

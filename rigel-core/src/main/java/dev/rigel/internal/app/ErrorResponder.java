package dev.rigel.internal.app;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.Hooks;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.internal.body.EncodedResponse;
import dev.rigel.internal.body.ResponseEncoder;
import dev.rigel.internal.body.TemplateRenderer;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Headers;
import dev.rigel.spi.StateKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions into responses: a registered exception handler if one applies, else the
 * standard {@code {"status_code", "detail", "extra"}} body. Unexpected exceptions become a 500
 * whose detail hides the cause (logged with its stack trace), unless the app runs in debug mode;
 * an unavailable store or channels broker ({@link Outages}) is a 503 with {@code Retry-After}.
 */
public final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.errors");

    /** Handlers registered for these are consulted only after status-code handlers. */
    private static final Set<Class<?>> GENERIC = Set.of(
            Throwable.class,
            Exception.class,
            RuntimeException.class,
            Error.class,
            HttpException.class,
            ClientException.class);

    /** The body of every unexpected 500; fixed, so field order never depends on a map's iteration. */
    private static final byte[] INTERNAL_ERROR = "{\"status_code\":500,\"detail\":\"Internal Server Error\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Scope-state key under which an unhandled exception is left for test clients to re-throw. */
    public static final String UNHANDLED = StateKeys.UNHANDLED_EXCEPTION;

    /** Scope-state key of the last exception the after-exception hooks were told about. */
    private static final String REPORTED = "rigel.reported_exception";

    private final JsonCodec json;
    private final boolean debug;
    /** Encodes what exception handlers return: no declared type, no layer defaults. */
    private final ResponseEncoder handlerResponses;

    /** The app's after-exception hooks; empty when there are none. */
    private final Hooks.AfterException[] afterException;

    ErrorResponder(
            JsonCodec json, boolean debug, TemplateRenderer templates, List<Hooks.AfterException> afterException) {
        this.json = json;
        this.debug = debug;
        this.handlerResponses = new ResponseEncoder(json, null, Object.class, null, List.of(), List.of(), templates);
        this.afterException = afterException.toArray(Hooks.AfterException[]::new);
    }

    public EncodedResponse render(Request request, Throwable failure, Map<Object, ExceptionHandler> handlers) {
        if (afterException.length > 0) {
            report(request, failure);
        }
        if (!handlers.isEmpty()) {
            // in precedence order; a handler answering null declines and the next one is asked
            for (ExceptionHandler handler : candidates(failure, handlers)) {
                try {
                    Response<?> response = handler.handle(request, failure);
                    if (response != null) {
                        int status = response.statusCode() != 0 ? response.statusCode() : statusOf(failure);
                        return handlerResponses.encode(response, status, null, request);
                    }
                } catch (Throwable handlerFailure) {
                    handlerFailure.addSuppressed(failure);
                    report(request, handlerFailure);
                    return standard(request, handlerFailure);
                }
            }
        }
        return standard(request, failure);
    }

    /**
     * Tells the after-exception hooks about {@code failure}, once per exception and request: an
     * exception rendered by an error boundary and one that escapes to the server are the same
     * event.
     */
    void report(Request request, Throwable failure) {
        if (afterException.length == 0) {
            return;
        }
        Map<String, Object> state = request.scope().state();
        if (state.get(REPORTED) == failure) {
            return;
        }
        state.put(REPORTED, failure);
        for (Hooks.AfterException hook : afterException) {
            try {
                hook.accept(failure, request);
            } catch (Throwable hookFailure) {
                LOG.error("after_exception hook failed while reporting {}", failure.toString(), hookFailure);
            }
        }
    }

    boolean reportsExceptions() {
        return afterException.length > 0;
    }

    static int statusOf(Throwable failure) {
        if (failure instanceof HttpException http) {
            return http.statusCode();
        }
        return Outages.find(failure) != null ? 503 : 500;
    }

    /**
     * The handlers that apply to {@code failure}, most specific first: its nearest specific class
     * and the ones above it, then its status code, then the generic roots. Each handler once.
     */
    private static java.util.Collection<ExceptionHandler> candidates(
            Throwable failure, Map<Object, ExceptionHandler> handlers) {
        java.util.Set<ExceptionHandler> ordered =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<ExceptionHandler> result = new java.util.ArrayList<>(2);
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (!GENERIC.contains(type)) {
                add(handlers.get(type), ordered, result);
            }
        }
        add(handlers.get(statusOf(failure)), ordered, result);
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (GENERIC.contains(type)) {
                add(handlers.get(type), ordered, result);
            }
        }
        return result;
    }

    private static void add(
            ExceptionHandler handler, java.util.Set<ExceptionHandler> seen, List<ExceptionHandler> result) {
        if (handler != null && seen.add(handler)) {
            result.add(handler);
        }
    }

    EncodedResponse standard(Request request, Throwable failure) {
        if (!(failure instanceof HttpException) && Outages.find(failure) != null) {
            // the store or backend has logged the outage once; a line per request would flood the log
            LOG.debug("{} {} met an outage: {}", request.method(), request.path(), failure.toString());
            failure = Outages.asHttp();
        }
        if (failure instanceof HttpException http) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status_code", http.statusCode());
            body.put("detail", http.detail());
            if (http.extra() != null) {
                body.put("extra", http.extra());
            }
            Headers headers = new Headers(4);
            http.headers().forEach(headers::set);
            if (http.statusCode() == 500
                    && !(failure.getClass() == dev.rigel.exceptions.InternalServerException.class)) {
                LOG.error("{} {} failed with a 500", request.method(), request.path(), failure);
            }
            return json(http.statusCode(), headers, body);
        }
        LOG.error("Unhandled exception in {} {}", request.method(), request.path(), failure);
        request.scope().state().put(UNHANDLED, failure);
        if (!debug) {
            return json(500, new Headers(2), INTERNAL_ERROR.clone());
        }
        return debugResponse(request, failure);
    }

    private EncodedResponse debugResponse(Request request, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String accept = request.headers().get("accept");
        accept = accept == null ? "" : accept;
        if (accept.contains("text/html")) {
            String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>500 Internal Server Error</title>"
                    + "</head><body><h1>500 Internal Server Error</h1><h2>" + escape(failure.toString()) + "</h2><pre>"
                    + escape(trace.toString()) + "</pre></body></html>";
            return bytes(500, "text/html; charset=utf-8", html);
        }
        if (accept.contains("text/plain") && !accept.contains("json")) {
            return bytes(500, ResponseEncoder.TEXT, trace.toString());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("exception", failure.getClass().getName());
        extra.put("stack_trace", trace.toString().lines().map(String::strip).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", 500);
        body.put("detail", failure.toString());
        body.put("extra", extra);
        return json(500, new Headers(2), body);
    }

    private EncodedResponse json(int status, Headers headers, Map<String, Object> body) {
        return json(status, headers, json.encode(body));
    }

    private static EncodedResponse json(int status, Headers headers, byte[] bytes) {
        headers.set("content-type", ResponseEncoder.JSON);
        headers.set("content-length", Integer.toString(bytes.length));
        return new EncodedResponse(status, headers, bytes);
    }

    private static EncodedResponse bytes(int status, String type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new EncodedResponse(
                status, Headers.of("content-type", type, "content-length", Integer.toString(bytes.length)), bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

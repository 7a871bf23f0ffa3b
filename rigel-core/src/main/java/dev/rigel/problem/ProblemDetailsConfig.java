package dev.rigel.problem;

import dev.rigel.LayerBuilder;
import dev.rigel.exceptions.HttpException;
import dev.rigel.http.ExceptionHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What answers as problem details (Litestar's {@code ProblemDetailsConfig}): always a {@link
 * ProblemDetailsException}; with {@link #enableForAllHttpExceptions} every {@link HttpException}
 * (validation errors, 404s, 401s, …); and any exception type given a converter with {@link #map}.
 * Everything else keeps Rigel's standard error body, so an unexpected exception is still a 500
 * that is logged and says nothing of its cause.
 *
 * <p>Give it to a {@link ProblemDetailsPlugin} for the whole app, or {@link #applyTo} a router,
 * controller or route for that layer only. It registers exception handlers, so the usual
 * precedence holds: a handler the app registers for a specific exception class or status code
 * wins over the converted {@code HttpException}s.
 */
public final class ProblemDetailsConfig {

    /** The media type of problem-details responses (RFC 9457 3). */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The layer {@code opt} key {@link #applyTo} sets, so tools (the OpenAPI generator) know which
     * routes answer with problem details: {@code "all"} with {@link #enableForAllHttpExceptions},
     * else {@code "raised"} (only {@link ProblemDetailsException}s and mapped exceptions).
     */
    public static final String OPT_KEY = "problem_details";

    private boolean enableForAllHttpExceptions;
    private final Map<Class<? extends Throwable>, Function<Throwable, ProblemDetailsException>> converters =
            new LinkedHashMap<>();

    private ProblemDetailsConfig() {}

    /** Only {@link ProblemDetailsException}s, until switched on for more. */
    public static ProblemDetailsConfig create() {
        return new ProblemDetailsConfig();
    }

    /**
     * Turns every {@link HttpException} into problem details (Litestar's {@code
     * enable_for_all_http_exceptions}): status, detail, headers, and its {@code extra} as
     * extensions (a map's entries as members, a validation failure's list as {@code errors},
     * anything else as {@code extra}). A 5xx keeps only its status and title: no detail or extra.
     */
    public ProblemDetailsConfig enableForAllHttpExceptions(boolean enable) {
        this.enableForAllHttpExceptions = enable;
        return this;
    }

    public boolean enableForAllHttpExceptions() {
        return enableForAllHttpExceptions;
    }

    /**
     * Converts exceptions of {@code type} (and its subclasses, the nearest mapped class winning)
     * into problem details (Litestar's {@code exception_to_problem_detail_map}). A converter that
     * returns null declines, leaving the exception to the next handler.
     */
    @SuppressWarnings("unchecked")
    public <E extends Throwable> ProblemDetailsConfig map(
            Class<E> type, Function<? super E, ProblemDetailsException> converter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(converter, "converter");
        converters.put(type, failure -> converter.apply((E) failure));
        return this;
    }

    /** The mapped exception types and their converters, in the order they were mapped. */
    public Map<Class<? extends Throwable>, Function<Throwable, ProblemDetailsException>> converters() {
        return java.util.Collections.unmodifiableMap(converters);
    }

    /**
     * The exception handler that answers with problem details, for registering by hand; {@link
     * #applyTo} registers it for every type this config covers. It declines (null) whatever the
     * config does not cover.
     */
    public ExceptionHandler exceptionHandler() {
        return new ProblemDetailsHandler(enableForAllHttpExceptions, new LinkedHashMap<>(converters));
    }

    /**
     * Registers problem details on {@code layer} (app, router, controller or route): the handler
     * for {@link ProblemDetailsException}, each mapped type and, when enabled, {@link
     * HttpException}; and the {@link #OPT_KEY} opt.
     */
    public <B extends LayerBuilder<B>> B applyTo(B layer) {
        ExceptionHandler handler = exceptionHandler();
        layer.exceptionHandler(ProblemDetailsException.class, handler);
        converters.keySet().forEach(type -> layer.exceptionHandler(type, handler));
        if (enableForAllHttpExceptions) {
            layer.exceptionHandler(HttpException.class, handler);
        }
        return layer.opt(OPT_KEY, enableForAllHttpExceptions ? "all" : "raised");
    }
}

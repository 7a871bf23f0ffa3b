package dev.rigel.middleware.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * One structured log line per request, Litestar's {@code LoggingMiddlewareConfig}, switched on
 * with {@code App.builder().logging(LoggingConfig.defaults())}.
 *
 * <p>The line goes through SLF4J's fluent API with the message {@code "HTTP request"} and one key
 * per chosen field: {@code method}, {@code path}, {@code query}, {@code client}, {@code scheme},
 * {@code http_version}, {@code request_headers}, {@code request_cookies}, {@code status},
 * {@code duration_ms}, {@code response_headers}, {@code response_cookies} (and {@code error} when
 * the exchange failed after its response had started). Any SLF4J backend shows them; logback's
 * JSON encoders or logstash-logback-encoder write them as fields.
 *
 * <p>Secrets stay out of logs: values of {@link #obfuscatedHeaders()} ({@code Authorization},
 * {@code Proxy-Authorization}, {@code X-API-Key}, {@code X-CSRFToken} by default) and of the
 * cookies in {@link #obfuscatedCookies()} (the session and CSRF cookies by default), query
 * parameters in {@link #obfuscatedQueryParameters()} ({@code token}, {@code access_token}), also inside
 * {@code Cookie} and {@code Set-Cookie} headers, are written as {@code *****}.
 *
 * <p>Immutable: every {@code with}-style method returns a changed copy.
 */
public final class LoggingConfig {

    /** What of the request to log. */
    public enum RequestField {
        METHOD,
        PATH,
        QUERY,
        CLIENT,
        SCHEME,
        HTTP_VERSION,
        HEADERS,
        COOKIES
    }

    /** What of the response to log. */
    public enum ResponseField {
        STATUS,
        DURATION,
        HEADERS,
        COOKIES
    }

    /** The value written in place of a secret. */
    public static final String OBFUSCATED = "*****";

    public static final String DEFAULT_LOGGER_NAME = "dev.rigel.requests";

    private final String loggerName;
    private final Level level;
    private final Set<RequestField> requestFields;
    private final Set<ResponseField> responseFields;
    private final List<String> requestHeaders;
    private final List<String> responseHeaders;
    private final Set<String> obfuscatedHeaders;
    private final Set<String> obfuscatedCookies;
    private final Set<String> obfuscatedQuery;
    private final List<String> exclude;
    private final String excludeOptKey;

    private LoggingConfig(
            String loggerName,
            Level level,
            Set<RequestField> requestFields,
            Set<ResponseField> responseFields,
            List<String> requestHeaders,
            List<String> responseHeaders,
            Set<String> obfuscatedHeaders,
            Set<String> obfuscatedCookies,
            Set<String> obfuscatedQuery,
            List<String> exclude,
            String excludeOptKey) {
        this.loggerName = loggerName;
        this.level = level;
        this.requestFields = requestFields;
        this.responseFields = responseFields;
        this.requestHeaders = requestHeaders;
        this.responseHeaders = responseHeaders;
        this.obfuscatedHeaders = obfuscatedHeaders;
        this.obfuscatedCookies = obfuscatedCookies;
        this.obfuscatedQuery = obfuscatedQuery;
        this.exclude = exclude;
        this.excludeOptKey = excludeOptKey;
    }

    /**
     * Method, path, query and client of the request; status and duration of the response; at
     * INFO on the {@code dev.rigel.requests} logger.
     */
    public static LoggingConfig defaults() {
        return new LoggingConfig(
                DEFAULT_LOGGER_NAME,
                Level.INFO,
                Collections.unmodifiableSet(
                        EnumSet.of(RequestField.METHOD, RequestField.PATH, RequestField.QUERY, RequestField.CLIENT)),
                Collections.unmodifiableSet(EnumSet.of(ResponseField.STATUS, ResponseField.DURATION)),
                List.of(),
                List.of(),
                lowerCase(List.of("authorization", "proxy-authorization", "x-api-key", "x-csrftoken")),
                Set.of("session", "csrftoken"),
                // tokens that WebSocket handshakes carry in the query, where browsers must put them
                Set.of("token", "access_token"),
                List.of(),
                null);
    }

    /** The logger the lines go to. */
    public LoggingConfig loggerName(String name) {
        Objects.requireNonNull(name, "loggerName");
        return new LoggingConfig(
                name,
                level,
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /** The level the lines are logged at; nothing is measured while that level is off. */
    public LoggingConfig level(Level newLevel) {
        return new LoggingConfig(
                loggerName,
                Objects.requireNonNull(newLevel, "level"),
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /** Exactly these request fields. */
    public LoggingConfig requestFields(RequestField... fields) {
        EnumSet<RequestField> set = EnumSet.noneOf(RequestField.class);
        set.addAll(List.of(fields));
        return new LoggingConfig(
                loggerName,
                level,
                Collections.unmodifiableSet(set),
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /** Exactly these response fields. */
    public LoggingConfig responseFields(ResponseField... fields) {
        EnumSet<ResponseField> set = EnumSet.noneOf(ResponseField.class);
        set.addAll(List.of(fields));
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                Collections.unmodifiableSet(set),
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /**
     * With the {@code HEADERS} request field: log only these request headers (default: all).
     * Adds the field if it was not chosen.
     */
    public LoggingConfig requestHeaders(String... names) {
        EnumSet<RequestField> set = EnumSet.of(RequestField.HEADERS);
        set.addAll(requestFields);
        return new LoggingConfig(
                loggerName,
                level,
                Collections.unmodifiableSet(set),
                responseFields,
                List.copyOf(lowerCase(List.of(names))),
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /**
     * With the {@code HEADERS} response field: log only these response headers (default: all).
     * Adds the field if it was not chosen.
     */
    public LoggingConfig responseHeaders(String... names) {
        EnumSet<ResponseField> set = EnumSet.of(ResponseField.HEADERS);
        set.addAll(responseFields);
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                Collections.unmodifiableSet(set),
                requestHeaders,
                List.copyOf(lowerCase(List.of(names))),
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /** Replaces the headers whose values are written as {@code *****} (names, any case). */
    public LoggingConfig obfuscateHeaders(String... names) {
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                lowerCase(List.of(names)),
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /** Replaces the cookies whose values are written as {@code *****} (names, exact case). */
    public LoggingConfig obfuscateCookies(String... names) {
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                Set.of(names),
                obfuscatedQuery,
                exclude,
                excludeOptKey);
    }

    /**
     * Replaces the query parameters whose values are written as {@code *****} (names, exact case;
     * default {@code token} and {@code access_token}, where WebSocket handshakes carry tokens).
     */
    public LoggingConfig obfuscateQueryParameters(String... names) {
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                Set.of(names),
                exclude,
                excludeOptKey);
    }

    /** Logs nothing for paths matching any of these regular expressions (searched, not anchored). */
    public LoggingConfig exclude(String... pathPatterns) {
        List<String> more = new ArrayList<>(exclude);
        for (String pattern : pathPatterns) {
            Pattern.compile(pattern); // a bad pattern fails here, where it was written
            more.add(pattern);
        }
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                List.copyOf(more),
                excludeOptKey);
    }

    /** Logs nothing for routes whose opt maps {@code optKey} to true. */
    public LoggingConfig excludeOptKey(String optKey) {
        return new LoggingConfig(
                loggerName,
                level,
                requestFields,
                responseFields,
                requestHeaders,
                responseHeaders,
                obfuscatedHeaders,
                obfuscatedCookies,
                obfuscatedQuery,
                exclude,
                Objects.requireNonNull(optKey, "optKey"));
    }

    public String loggerName() {
        return loggerName;
    }

    public Level level() {
        return level;
    }

    public Set<RequestField> requestFields() {
        return requestFields;
    }

    public Set<ResponseField> responseFields() {
        return responseFields;
    }

    /** The request headers logged with the {@code HEADERS} field, lower-case; empty means all. */
    public List<String> requestHeaderNames() {
        return requestHeaders;
    }

    /** The response headers logged with the {@code HEADERS} field, lower-case; empty means all. */
    public List<String> responseHeaderNames() {
        return responseHeaders;
    }

    /** Lower-case names of headers logged as {@code *****}. */
    public Set<String> obfuscatedHeaders() {
        return obfuscatedHeaders;
    }

    public Set<String> obfuscatedCookies() {
        return obfuscatedCookies;
    }

    /** Query parameters whose values are logged as {@code *****}. */
    public Set<String> obfuscatedQueryParameters() {
        return obfuscatedQuery;
    }

    public List<String> excludedPaths() {
        return exclude;
    }

    public Optional<String> excludeOptKeyName() {
        return Optional.ofNullable(excludeOptKey);
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        for (String name : names) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(lower);
    }

    @Override
    public String toString() {
        return "LoggingConfig(" + loggerName + ", " + requestFields + ", " + responseFields + ")";
    }

    /** This configuration as middleware for any layer (a closer layer's replaces the app's). */
    public LoggingMiddleware middleware() {
        return new LoggingMiddleware(this);
    }
}

package dev.rigel.exceptions;

import dev.rigel.spi.StatusReasons;
import java.util.Map;
import java.util.Objects;

/**
 * An exception that becomes an HTTP error response:
 * {@code {"status_code": 404, "detail": "User 42 not found", "extra": ...}}.
 *
 * <p>An empty detail is replaced by the status's reason phrase; {@code extra} is omitted from the
 * body when null. {@code headers} are added to the response (e.g. {@code Retry-After}).
 */
public class HttpException extends RuntimeException {

    private final int statusCode;
    private final String detail;
    private final Map<String, String> headers;
    private final Object extra;

    public HttpException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(detailOrReason(statusCode, detail), null, false, false);
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("HTTP exceptions carry a 4xx or 5xx status, got " + statusCode);
        }
        this.statusCode = statusCode;
        this.detail = detailOrReason(statusCode, detail);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.extra = extra;
    }

    public HttpException(int statusCode, String detail) {
        this(statusCode, detail, null, null);
    }

    public HttpException(int statusCode) {
        this(statusCode, null, null, null);
    }

    public int statusCode() {
        return statusCode;
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Additional structured information for the client, or null. */
    public Object extra() {
        return extra;
    }

    private static String detailOrReason(int status, String detail) {
        return detail == null || detail.isBlank() ? StatusReasons.reason(status) : detail;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + statusCode + ", " + Objects.toString(detail) + ")";
    }
}

package dev.rigel.exceptions;

import java.util.Map;

/** 429 Too Many Requests: a rate limit was hit. */
public class TooManyRequestsException extends ClientException {

    public TooManyRequestsException(String detail, Map<String, String> headers, Object extra) {
        super(429, detail, headers, extra);
    }

    public TooManyRequestsException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public TooManyRequestsException(String detail) {
        this(detail, null, null);
    }

    public TooManyRequestsException() {
        this(null, null, null);
    }

    protected TooManyRequestsException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

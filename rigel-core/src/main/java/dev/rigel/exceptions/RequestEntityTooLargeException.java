package dev.rigel.exceptions;

import java.util.Map;

/** 413 Request Entity Too Large: the body is over the route's limit. */
public class RequestEntityTooLargeException extends ClientException {

    public RequestEntityTooLargeException(String detail, Map<String, String> headers, Object extra) {
        super(413, detail, headers, extra);
    }

    public RequestEntityTooLargeException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public RequestEntityTooLargeException(String detail) {
        this(detail, null, null);
    }

    public RequestEntityTooLargeException() {
        this(null, null, null);
    }

    protected RequestEntityTooLargeException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

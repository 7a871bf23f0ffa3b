package dev.rigel.exceptions;

import java.util.Map;

/** 503 Service Unavailable: try again later. */
public class ServiceUnavailableException extends HttpException {

    public ServiceUnavailableException(String detail, Map<String, String> headers, Object extra) {
        super(503, detail, headers, extra);
    }

    public ServiceUnavailableException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public ServiceUnavailableException(String detail) {
        this(detail, null, null);
    }

    public ServiceUnavailableException() {
        this(null, null, null);
    }

    protected ServiceUnavailableException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

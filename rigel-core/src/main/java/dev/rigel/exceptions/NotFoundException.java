package dev.rigel.exceptions;

import java.util.Map;

/** 404 Not Found. */
public class NotFoundException extends ClientException {

    public NotFoundException(String detail, Map<String, String> headers, Object extra) {
        super(404, detail, headers, extra);
    }

    public NotFoundException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public NotFoundException(String detail) {
        this(detail, null, null);
    }

    public NotFoundException() {
        this(null, null, null);
    }

    protected NotFoundException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

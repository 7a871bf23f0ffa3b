package dev.rigel.exceptions;

import java.util.Map;

/** 409 Conflict: the request conflicts with the current state of the resource (a duplicate key, a row still referenced). */
public class ConflictException extends ClientException {

    public ConflictException(String detail, Map<String, String> headers, Object extra) {
        super(409, detail, headers, extra);
    }

    public ConflictException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public ConflictException(String detail) {
        this(detail, null, null);
    }

    public ConflictException() {
        this(null, null, null);
    }

    protected ConflictException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

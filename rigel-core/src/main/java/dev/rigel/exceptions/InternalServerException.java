package dev.rigel.exceptions;

import java.util.Map;

/** 500 Internal Server Error, raised on purpose (its detail is shown to the client). */
public class InternalServerException extends HttpException {

    public InternalServerException(String detail, Map<String, String> headers, Object extra) {
        super(500, detail, headers, extra);
    }

    public InternalServerException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public InternalServerException(String detail) {
        this(detail, null, null);
    }

    public InternalServerException() {
        this(null, null, null);
    }

    protected InternalServerException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

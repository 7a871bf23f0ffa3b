package dev.rigel.exceptions;

import java.util.Map;

/** 400 Bad Request: the request cannot be processed as sent. */
public class ClientException extends HttpException {

    public ClientException(String detail, Map<String, String> headers, Object extra) {
        super(400, detail, headers, extra);
    }

    public ClientException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public ClientException(String detail) {
        this(detail, null, null);
    }

    public ClientException() {
        this(null, null, null);
    }

    protected ClientException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

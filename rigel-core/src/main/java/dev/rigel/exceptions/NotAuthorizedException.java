package dev.rigel.exceptions;

import java.util.Map;

/** 401 Unauthorized: the request lacks valid credentials. */
public class NotAuthorizedException extends ClientException {

    public NotAuthorizedException(String detail, Map<String, String> headers, Object extra) {
        super(401, detail, headers, extra);
    }

    public NotAuthorizedException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public NotAuthorizedException(String detail) {
        this(detail, null, null);
    }

    public NotAuthorizedException() {
        this(null, null, null);
    }

    protected NotAuthorizedException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

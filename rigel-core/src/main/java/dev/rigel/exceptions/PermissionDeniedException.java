package dev.rigel.exceptions;

import java.util.Map;

/** 403 Forbidden: the credentials are valid but not sufficient. */
public class PermissionDeniedException extends ClientException {

    public PermissionDeniedException(String detail, Map<String, String> headers, Object extra) {
        super(403, detail, headers, extra);
    }

    public PermissionDeniedException(String detail, Object extra) {
        this(detail, null, extra);
    }

    public PermissionDeniedException(String detail) {
        this(detail, null, null);
    }

    public PermissionDeniedException() {
        this(null, null, null);
    }

    protected PermissionDeniedException(int statusCode, String detail, Map<String, String> headers, Object extra) {
        super(statusCode, detail, headers, extra);
    }
}

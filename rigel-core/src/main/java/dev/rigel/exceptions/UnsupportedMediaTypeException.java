package dev.rigel.exceptions;

import java.util.Map;

/** 415 Unsupported Media Type: the body's {@code Content-Type} is not one the handler reads. */
public class UnsupportedMediaTypeException extends ClientException {

    public UnsupportedMediaTypeException(String detail, Map<String, String> headers, Object extra) {
        super(415, detail, headers, extra);
    }

    public UnsupportedMediaTypeException(String detail) {
        this(detail, null, null);
    }
}

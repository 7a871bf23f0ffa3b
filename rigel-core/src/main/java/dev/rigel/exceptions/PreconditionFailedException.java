package dev.rigel.exceptions;

import java.util.Map;

/**
 * 412 Precondition Failed: an {@code If-Match}, {@code If-Unmodified-Since} or (on a
 * state-changing request) {@code If-None-Match} condition does not hold for the resource's
 * current state. Raised by {@link dev.rigel.http.Preconditions#check} and for GET/HEAD responses with
 * validators.
 */
public class PreconditionFailedException extends ClientException {

    public PreconditionFailedException(String detail, Map<String, String> headers, Object extra) {
        super(412, detail, headers, extra);
    }

    public PreconditionFailedException(String detail) {
        this(detail, null, null);
    }

    public PreconditionFailedException() {
        this(null, null, null);
    }
}

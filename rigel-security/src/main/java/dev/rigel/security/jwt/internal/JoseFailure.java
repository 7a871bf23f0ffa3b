package dev.rigel.security.jwt.internal;

/**
 * Why a compact JWS could not be read. Checked, so that no parsing path can forget it, and without
 * a stack trace: it is an answer to bad input, thrown as often as bad tokens arrive.
 */
public final class JoseFailure extends Exception {

    /** What was wrong. */
    public enum Kind {
        /** Not a JWS compact serialization with a JSON object header and payload. */
        MALFORMED,
        /** The {@code alg} header names an algorithm that is not accepted ({@code none} included). */
        ALGORITHM_NOT_ALLOWED
    }

    private final Kind kind;

    public JoseFailure(Kind kind) {
        super(kind.name(), null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

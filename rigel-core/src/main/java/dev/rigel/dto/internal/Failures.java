package dev.rigel.dto.internal;

/** Rethrows what a method handle threw without wrapping runtime exceptions and errors. */
final class Failures {

    private Failures() {}

    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(t);
    }
}

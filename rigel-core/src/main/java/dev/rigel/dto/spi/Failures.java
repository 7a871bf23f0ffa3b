package dev.rigel.dto.spi;

/** Rethrows what a method handle threw without wrapping runtime exceptions and errors. */
public final class Failures {

    private Failures() {}

    public static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(t);
    }
}

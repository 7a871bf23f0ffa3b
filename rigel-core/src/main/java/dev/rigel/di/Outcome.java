package dev.rigel.di;

import java.util.Optional;

/**
 * How the request went, as told to a scoped dependency's cleanup: whether the handler (or a later
 * step before the response was built) failed, and with what.
 */
public record Outcome(Throwable failure) {

    private static final Outcome SUCCESS = new Outcome(null);

    public static Outcome success() {
        return SUCCESS;
    }

    public static Outcome failed(Throwable failure) {
        return new Outcome(failure);
    }

    public boolean failed() {
        return failure != null;
    }

    public Optional<Throwable> error() {
        return Optional.ofNullable(failure);
    }
}

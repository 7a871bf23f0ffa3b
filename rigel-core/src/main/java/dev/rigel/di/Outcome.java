package dev.rigel.di;

import java.util.Optional;

/**
 * How the request went, as told to a scoped dependency's cleanup: whether the handler (or a later
 * step before the response was built) failed, and with what, and the status of the response the
 * client gets. A transaction-owning cleanup decides between commit and rollback from these two.
 *
 * @param failure the exception the request failed with, or null
 * @param status the response's status code, or 0 when there is no response (a {@code useCache()}
 *               value closed at shutdown)
 */
public record Outcome(Throwable failure, int status) {

    private static final Outcome SUCCESS = new Outcome(null, 0);

    /** Success with no response to speak of: a cached value closed at shutdown. */
    public static Outcome success() {
        return SUCCESS;
    }

    /** The request succeeded and its response has this status. */
    public static Outcome success(int status) {
        return new Outcome(null, status);
    }

    public static Outcome failed(Throwable failure) {
        return new Outcome(failure, 0);
    }

    /** The request failed with {@code failure} and was answered with this (error) status. */
    public static Outcome failed(Throwable failure, int status) {
        return new Outcome(failure, status);
    }

    public boolean failed() {
        return failure != null;
    }

    public Optional<Throwable> error() {
        return Optional.ofNullable(failure);
    }
}

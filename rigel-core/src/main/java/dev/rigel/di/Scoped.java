package dev.rigel.di;

import java.util.Objects;

/**
 * A dependency value with cleanup, the counterpart of Litestar's generator dependencies. Return
 * one from a provider; the handler receives {@link #value()}, and {@link Cleanup#close(Outcome)}
 * runs after the handler and after the response is built, in reverse order of creation.
 *
 * <pre>{@code
 * Provide.of(() -> {
 *     Connection connection = pool.getConnection();
 *     return Scoped.of(connection, outcome -> {
 *         if (outcome.failed() || outcome.status() >= 300) connection.rollback(); else connection.commit();
 *         connection.close();
 *     });
 * })
 * }</pre>
 *
 * A cleanup that throws is logged and turns a successful response into an error response,
 * rendered through the exception handlers like a handler's exception (a 500 unless it is an
 * {@code HttpException} or a handler maps it); the cleanups that run after it see that failure.
 */
public record Scoped<T>(T value, Cleanup cleanup) {

    public Scoped {
        Objects.requireNonNull(cleanup, "cleanup");
    }

    public static <T> Scoped<T> of(T value, Cleanup cleanup) {
        return new Scoped<>(value, cleanup);
    }

    /** A value that is closed after the request, whatever its outcome. */
    public static <T extends AutoCloseable> Scoped<T> closing(T value) {
        return new Scoped<>(value, outcome -> value.close());
    }

    /** What to do once the request is over. */
    @FunctionalInterface
    public interface Cleanup {
        void close(Outcome outcome) throws Exception;
    }
}

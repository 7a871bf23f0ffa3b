package dev.rigel;

/**
 * The request hooks a layer can set; the closest layer's hook wins (they do not chain).
 */
public final class Hooks {

    private Hooks() {
    }

    /**
     * Runs before the handler, after guards. Return null to go on to the handler, or a value
     * (anything a handler may return) to answer with it instead.
     */
    @FunctionalInterface
    public interface BeforeRequest {
        Object apply(Request request) throws Exception;
    }

    /** Sees the handler's response before it is encoded and may replace it. */
    @FunctionalInterface
    public interface AfterRequest {
        Response<?> apply(Response<?> response) throws Exception;
    }

    /**
     * Runs after the route's response was sent (not after an error response); failures are
     * logged, not reported to the client.
     */
    @FunctionalInterface
    public interface AfterResponse {
        void accept(Request request) throws Exception;
    }
}

package dev.rigel.http;

/**
 * Hooks into the life of a request. {@link BeforeRequest}, {@link AfterRequest} and
 * {@link AfterResponse} are set per layer and the closest layer's hook wins (they do not chain).
 * {@link BeforeSend} and {@link AfterException} are app-wide ({@code App.Builder.beforeSend},
 * {@code App.Builder.afterException}); every one registered runs, in registration order. All of
 * them run on the request's thread, which for {@code nonBlocking} routes and for Rigel's own
 * 404/405/OPTIONS answers is the server's event loop: there they must not block (hand slow work to
 * {@code app.emit(…)} or a virtual thread).
 */
public final class Hooks {

    private Hooks() {}

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

    /**
     * Sees every message the app sends, for every request: matched or not, answered by a handler,
     * an exception handler or a middleware. It returns the message to send on, usually the one it
     * was given (a {@link dev.rigel.protocol.Message.ResponseStart}'s headers may be changed in
     * place) or a replacement. It runs on the request's thread, outside all middleware; an
     * exception it throws is the app's failure to send (before the response started it becomes a
     * 500, which passes through the hooks again).
     */
    @FunctionalInterface
    public interface BeforeSend {
        dev.rigel.protocol.Message apply(dev.rigel.protocol.Message message, dev.rigel.protocol.Scope scope);
    }

    /**
     * Told about every exception raised while serving a request (by a handler, dependency, guard,
     * hook, middleware, or the 404/405 of an unmatched route) before it is turned into a response,
     * and about one that escapes after the response has started. It cannot change the response;
     * its own failures are logged. Meant for error reporting and tracing.
     */
    @FunctionalInterface
    public interface AfterException {
        void accept(Throwable exception, Request request) throws Exception;
    }
}

package dev.rigel.internal.app;

import dev.rigel.di.Outcome;
import dev.rigel.di.Scoped;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.Response;
import dev.rigel.internal.binding.BoundParam;
import dev.rigel.internal.binding.LayerParameters;
import dev.rigel.internal.binding.ProviderStep;
import dev.rigel.internal.binding.RouteGuards;
import dev.rigel.internal.body.EncodedResponse;
import dev.rigel.internal.body.ResponseEncoder;
import dev.rigel.internal.cache.ResponseCache;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.text.DisplayNames;
import dev.rigel.internal.validation.BeanValidation;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.response.FileResponse;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything needed to serve one handler, resolved at startup: merged layer settings, argument
 * binders, dependency steps in order, the response encoder and the middleware chain. Serving a
 * request walks this plan and nothing else: no layer lookups, no reflection.
 */
public final class RoutePlan implements ServedRoute {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.handlers");

    private final RouteDescription description;
    private final String name;
    private final MergedLayers layers;
    private final CallableSpec callable;
    /** JSON and text conversion as this route's layers have them. */
    private final LayerServices routeServices;

    private final LayerParameters layerParameters;
    private final BoundParam[] params;
    private final ProviderStep[] steps;
    private final int slotCount;
    private final boolean validateParams;
    private final ResponseEncoder encoder;
    private final int defaultStatus;
    private final boolean voidReturn;
    private final boolean nonBlocking;
    private final RouteGuards guards;
    /** Null unless the handler asked for its responses to be cached. */
    private final ResponseCache cache;

    private final AppServices services;
    private final Application entry;

    public RoutePlan(
            RouteDescription description,
            MergedLayers layers,
            CallableSpec callable,
            LayerParameters layerParameters,
            BoundParam[] params,
            List<ProviderStep> steps,
            int slotCount,
            ResponseEncoder encoder,
            boolean nonBlocking,
            ResponseCache cache,
            RouteGuards guards,
            AppServices services,
            LayerServices routeServices) {
        this.description = description;
        this.name = description.name();
        this.layers = layers;
        this.callable = callable;
        this.layerParameters = layerParameters;
        this.params = params;
        this.steps = steps.toArray(ProviderStep[]::new);
        this.slotCount = slotCount;
        this.validateParams = BeanValidation.hasParameterConstraints(callable.executable());
        this.encoder = encoder;
        this.defaultStatus = description.defaultStatus();
        Class<?> returned = dev.rigel.internal.invoke.Types.raw(callable.returnType());
        this.voidReturn = returned == void.class || returned == Void.class;
        List<Middleware> chained = services.withBuiltIns(layers.middleware);
        // inline on the event loop only if nothing on the way to the handler may block either
        this.nonBlocking =
                nonBlocking && runsInline(description, cache, services.firstThatMayBlock(chained, description));
        this.cache = cache;
        if (nonBlocking && sendsStreamedBody(callable.returnType())) {
            throw new ImproperlyConfiguredException(
                    description + " is nonBlocking but returns a file, stream or server-sent"
                            + " events, which are read and sent on the request's thread; drop nonBlocking so that thread is"
                            + " a virtual thread and not the server's event loop");
        }
        this.guards = guards;
        this.services = services;
        this.routeServices = routeServices;
        this.description.chained(chained);
        this.entry = services.chain(chained, this::handle, this.description, layers, name);
    }

    /** The route's entry point: its middleware chain around {@link #handle}, with error boundaries. */
    @Override
    public Application entry() {
        return entry;
    }

    /**
     * Whether a route declared {@code nonBlocking} keeps the event loop: not when its response cache
     * or one of its middleware may block. Then it runs on a virtual thread, and says so once at
     * startup, since nothing else would tell why a route declared non-blocking serves like one that is not.
     */
    private static boolean runsInline(RouteDescription description, ResponseCache cache, Middleware blocking) {
        if (cache != null && cache.mayBlock()) {
            LOG.info(
                    "{} is nonBlocking but runs on a virtual thread: its response cache's store may block",
                    description);
            return false;
        }
        if (blocking != null) {
            LOG.info(
                    "{} is nonBlocking but runs on a virtual thread: middleware {} may block (middleware that never"
                            + " waits says so with mayBlock() false, or Middleware.nonBlocking(...) for a lambda)",
                    description,
                    DisplayNames.of(blocking));
            return false;
        }
        return true;
    }

    boolean nonBlocking() {
        return nonBlocking;
    }

    MergedLayers layers() {
        return layers;
    }

    private void handle(Scope scope, Receive receive, Send send) throws Exception {
        Exchange exchange = new Exchange(scope, receive, routeServices, description, layers.maxBodySize);
        boolean finishesLater = false;
        try {
            finishesLater = serve(exchange, send);
        } finally {
            if (cache != null && !finishesLater) {
                // requests waiting for this one's cache entry must never wait for nothing, however it ended
                cache.release(exchange, null);
            }
        }
    }

    /** Serves the exchange; true when an asynchronous handler's answer is sent later (see {@link #finishLater}). */
    private boolean serve(Exchange exchange, Send send) throws Exception {
        Object result;
        try {
            result = produce(exchange);
            CompletionStage<?> stage = result instanceof EncodedResponse
                    ? null
                    : services.asyncResults().stageOf(result);
            if (stage != null) {
                // a plain CompletableFuture only: subclasses such as minimalCompletionStage() refuse isDone()
                boolean done = stage.getClass() == CompletableFuture.class && ((CompletableFuture<?>) stage).isDone();
                if (!done && nonBlocking && exchange.scope().mayFinishLater()) {
                    finishLater(exchange, send, stage);
                    return true;
                }
                // on its own (virtual) thread the request may simply wait for the value
                result = awaitValue(stage);
            }
        } catch (Throwable t) {
            answer(exchange, send, null, t);
            return false;
        }
        answer(exchange, send, result, null);
        return false;
    }

    /**
     * An asynchronous handler on the event loop: the thread is given back at once, and the stage's
     * completion (on whichever thread completes it) answers, runs the cleanups and hooks, and ends
     * the exchange, which the server waits for through the scope.
     */
    private void finishLater(Exchange exchange, Send send, CompletionStage<?> stage) {
        CompletableFuture<Void> over = new CompletableFuture<>();
        exchange.scope().finishLater(over);
        stage.whenComplete((value, error) -> {
            try {
                answer(exchange, send, value, error == null ? null : unwrap(error));
                over.complete(null);
            } catch (Throwable t) {
                over.completeExceptionally(t);
            } finally {
                if (cache != null) {
                    cache.release(exchange, null);
                }
            }
        });
    }

    /**
     * Answers with what the route produced (a response ready before the handler, or the handler's
     * value), or with the error response for {@code failure}, and finishes the exchange.
     */
    private void answer(Exchange exchange, Send send, Object result, Throwable failure) throws Exception {
        EncodedResponse encoded = null;
        if (failure == null) {
            try {
                encoded = result instanceof EncodedResponse ready ? ready : encode(exchange, result);
            } catch (Throwable t) {
                failure = t;
            }
        }
        if (failure != null) {
            encoded = services.errors().render(exchange, failure, layers.exceptionHandlers);
        }
        finish(exchange, send, encoded, failure);
    }

    /** Waits on a (virtual) thread for an asynchronous handler's value; its failure is thrown as the handler's own. */
    private static Object awaitValue(CompletionStage<?> stage) throws Throwable {
        // a stage need not support toCompletableFuture(); every stage can complete another one
        CompletableFuture<?> future =
                stage.getClass() == CompletableFuture.class ? (CompletableFuture<?>) stage : bridged(stage);
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static CompletableFuture<Object> bridged(CompletionStage<?> stage) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(value);
            }
        });
        return future;
    }

    /** The handler's own exception inside a stage's wrapping. */
    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** After the response is there: cleanups, the cache, sending it, background tasks, after_response. */
    private void finish(Exchange exchange, Send send, EncodedResponse encoded, Throwable failure) throws Exception {
        // whether the response going out is the one the route produced (not an error answer)
        boolean produced = failure == null;
        if (encoded.streamed() == null && exchange.cleanups != null) {
            // a whole body is built: cleanups run before it is sent, and a failing one can still be a 500
            EncodedResponse built = encoded;
            encoded = runCleanups(exchange, failure, encoded, true);
            produced &= encoded == built;
        }
        if (cache != null) {
            // stored before it is sent, so the client's next request already finds it, and the
            // requests waiting for this one are released before a slow (or gone) client is written to
            cache.complete(exchange, produced ? encoded : null);
        }
        Receive watched = encoded.streamed() == null ? null : exchange.receiveAfterBody();
        if (encoded.streamed() == null || exchange.cleanups == null) {
            encoded.send(send, watched);
        } else {
            // a file, stream or event source may still use the handler's dependencies while it is
            // sent, so their cleanups wait for the last message (or for the client to leave)
            Throwable sendFailure = failure;
            try {
                encoded.send(send, watched);
            } catch (Throwable t) {
                sendFailure = t;
                throw t;
            } finally {
                runCleanups(exchange, sendFailure, encoded, false);
            }
        }
        if (produced && !exchange.background.isEmpty()) {
            runBackground(exchange.background);
        }
        // as Litestar: after_response follows a response the route produced, not an error answer
        if (layers.afterResponse != null && failure == null) {
            try {
                layers.afterResponse.accept(exchange);
            } catch (Throwable t) {
                LOG.error("after_response hook of {} failed", name, t);
            }
        }
    }

    /**
     * Runs a response's background tasks in order, each failure logged. A route on the event loop
     * must not block it, so there they move to a virtual thread (counted for shutdown).
     */
    private void runBackground(List<dev.rigel.http.BackgroundTask> tasks) {
        if (nonBlocking) {
            services.work().start("Background tasks of " + name, () -> runTasks(tasks));
        } else {
            runTasks(tasks);
        }
    }

    private void runTasks(List<dev.rigel.http.BackgroundTask> tasks) {
        for (dev.rigel.http.BackgroundTask task : tasks) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("Background task of {} failed", name, t);
            }
        }
    }

    /**
     * Runs the route up to its answer: an {@link EncodedResponse} when one is ready without the
     * handler (the cache, a {@code before_request} answer), else what the handler returned, which
     * may be a {@link CompletionStage} of it.
     */
    private Object produce(Exchange exchange) throws Throwable {
        exchange.rejectDeclaredOversizedBody();
        guards.checkPlain(exchange, description);
        if (guards.needDependencies()) {
            resolveDependencies(exchange);
            guards.checkDependent(exchange);
        }
        if (cache != null) {
            // after the guards (they decide per request), before anything the handler would cost
            // a route on the event loop must not wait for another request's entry: it runs itself
            EncodedResponse cached = cache.lookup(exchange, !nonBlocking);
            if (cached != null) {
                return cached;
            }
        }
        if (layers.beforeRequest != null) {
            Object early = layers.beforeRequest.apply(exchange);
            if (early != null) {
                return encode(exchange, early);
            }
        }
        return invoke(exchange);
    }

    /** The handler's (or a before_request hook's) value as the response going out, after the after_request hook. */
    private EncodedResponse encode(Exchange exchange, Object result) throws Exception {
        Response<?> response = result instanceof Response<?> r ? r : Response.of(result);
        if (layers.afterRequest != null) {
            response = layers.afterRequest.apply(response);
        }
        EncodedResponse encoded = encoder.encode(response, defaultStatus, exchange);
        exchange.background = response.backgroundTasks();
        if (nonBlocking && encoded.streamed() != null) {
            // declared as Object, so startup could not tell: reading a file or waiting for events
            // would stall the event loop, and every connection on it
            encoded.streamed().release();
            throw new ImproperlyConfiguredException(description + " runs on the event loop (nonBlocking) but returned a"
                    + " file, stream or server-sent events; drop nonBlocking");
        }
        return encoded;
    }

    /** Whether the declared return type (or {@code Response<T>}'s T) is one of the streamed contents. */
    private static boolean sendsStreamedBody(java.lang.reflect.Type declared) {
        Class<?> raw = dev.rigel.internal.invoke.Types.raw(declared);
        if (raw == Response.class) {
            raw = dev.rigel.internal.invoke.Types.raw(dev.rigel.internal.invoke.Types.typeArgument(declared, 0));
        }
        return raw == FileResponse.class || raw == Stream.class || raw == ServerSentEvent.class;
    }

    /** Resolves the route's dependencies into the exchange, once (guards may have needed them first). */
    private void resolveDependencies(Exchange exchange) throws Throwable {
        if (slotCount > 0 && exchange.dependencyValues == null) {
            exchange.dependencyValues = new Object[slotCount];
            for (ProviderStep step : steps) {
                step.resolve(exchange);
            }
        }
    }

    private Object invoke(Exchange exchange) throws Throwable {
        if (!layerParameters.isEmpty()) {
            // before any dependency runs: a request the layers refuse costs nothing more
            List<ValidationError> refused = layerParameters.check(exchange, null);
            if (refused != null) {
                throw ValidationException.forRequest(exchange.method(), exchange.path(), refused);
            }
        }
        resolveDependencies(exchange);
        Object[] args = new Object[params.length];
        List<ValidationError> errors = null;
        for (int i = 0; i < params.length; i++) {
            try {
                args[i] = params[i].binder().bind(exchange);
            } catch (ValidationException e) {
                // collect every bad parameter so the client can fix them all at once
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.addAll(e.errors());
            }
        }
        if (errors != null) {
            throw ValidationException.forRequest(exchange.method(), exchange.path(), errors);
        }
        if (validateParams) {
            validate(exchange, args);
        }
        return callable.invoker().invoke(args);
    }

    private void validate(Exchange exchange, Object[] args) {
        List<BeanValidation.ParameterViolation> violations =
                BeanValidation.validateParameters(callable.target(), callable.executable(), args);
        if (violations.isEmpty()) {
            return;
        }
        List<ValidationError> errors = new ArrayList<>(violations.size());
        for (BeanValidation.ParameterViolation violation : violations) {
            BoundParam param =
                    violation.index() >= 0 && violation.index() < params.length ? params[violation.index()] : null;
            String key = param == null ? "" : param.key();
            if (!violation.nestedPath().isEmpty()) {
                key = "data".equals(key) ? violation.nestedPath() : key + "." + violation.nestedPath();
            }
            errors.add(new ValidationError(key, violation.message(), param == null ? null : param.source()));
        }
        throw ValidationException.forRequest(exchange.method(), exchange.path(), errors);
    }

    /**
     * Runs the scoped dependencies' cleanups in reverse order, telling each the failure (if any)
     * and the response status. Before the response is sent ({@code canReplace}) a failing cleanup
     * turns a success into an error response, which the cleanups after it are told about; after a
     * streamed response was sent it can only be logged.
     */
    private EncodedResponse runCleanups(
            Exchange exchange, Throwable failure, EncodedResponse encoded, boolean canReplace) {
        Outcome outcome =
                failure == null ? Outcome.success(encoded.status()) : Outcome.failed(failure, encoded.status());
        List<Scoped.Cleanup> cleanups = exchange.cleanups;
        EncodedResponse result = encoded;
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).close(outcome);
            } catch (Throwable t) {
                if (failure == null && canReplace) {
                    failure = t;
                    result = services.errors().render(exchange, t, layers.exceptionHandlers);
                    // the client now gets an error: the remaining (outer) cleanups must not commit
                    outcome = Outcome.failed(t, result.status());
                    // the error responder has judged it like a handler's exception: a defined answer
                    // (409 for a key taken at commit, 503 for a connection lost) is no fault, and an
                    // unexpected one was logged at ERROR there
                    LOG.debug("Cleanup of a dependency of {} failed; answered with {}", name, result.status(), t);
                    continue;
                }
                LOG.error("Cleanup of a dependency of {} failed", name, t);
            }
        }
        return result;
    }

    @Override
    public RouteDescription description() {
        return description;
    }

    boolean returnsVoid() {
        return voidReturn;
    }

    @Override
    public String toString() {
        return description.toString();
    }
}

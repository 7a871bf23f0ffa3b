package dev.rigel.middleware;

import dev.rigel.http.HandlerInfo;
import dev.rigel.internal.routing.ExcludedPaths;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Middleware that decides by configuration, not by code, which requests it sees, as Litestar's
 * {@code AbstractMiddleware}: only the {@link #scopes} it is for, never paths matching an
 * {@link #exclude} pattern, never routes whose opt sets {@link #excludeOptKey} to true. Skipped
 * requests go straight to the next application. Subclasses write only {@link #handle}.
 *
 * <pre>{@code
 * public final class Timing extends AbstractMiddleware {
 *     public Timing() { exclude("^/health$"); }
 *
 *     @Override
 *     protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
 *         long start = System.nanoTime();
 *         next.call(scope, receive, message -> {
 *             if (message instanceof Message.ResponseStart response) {
 *                 response.headers().add("x-took-us", Long.toString((System.nanoTime() - start) / 1000));
 *             }
 *             send.send(message);
 *         });
 *     }
 * }
 * }</pre>
 *
 * Configure before the app is built: the settings are read when the middleware wraps a route.
 */
public abstract class AbstractMiddleware implements Middleware {

    private final Set<ScopeType> scopes = EnumSet.allOf(ScopeType.class);
    private final List<String> exclude = new ArrayList<>();
    private String excludeOptKey;

    /** Restricts the middleware to these scope types (default: HTTP and WebSocket). */
    public AbstractMiddleware scopes(ScopeType... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("a middleware needs at least one scope type");
        }
        scopes.clear();
        scopes.addAll(List.of(types));
        return this;
    }

    /** Skips requests whose path matches any of these regular expressions (searched, not anchored). */
    public AbstractMiddleware exclude(String... pathPatterns) {
        for (String pattern : pathPatterns) {
            Pattern.compile(pattern); // fail here, with the pattern in the message, not at first request
            exclude.add(pattern);
        }
        return this;
    }

    /** Skips routes whose opt maps {@code key} to {@code true} (e.g. {@code @Get(opt = "no_tracing")}). */
    public AbstractMiddleware excludeOptKey(String key) {
        this.excludeOptKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** The scope types this middleware sees. */
    public Set<ScopeType> scopeTypes() {
        return Set.copyOf(scopes);
    }

    public List<String> excludedPaths() {
        return List.copyOf(exclude);
    }

    public String excludeOptKeyName() {
        return excludeOptKey;
    }

    /**
     * Whether this middleware can see requests to a route, judged once at startup from what the
     * route declares: its scope type is one this middleware is for, its opt does not exclude it,
     * and no exclusion pattern matches its path template. A pattern may still skip some of a
     * route's requests at run time, when it matches concrete paths the template stands for
     * ({@code ^/users/\d+} against {@code /users/{id:int}}); so this answers "may", not "will".
     */
    public boolean mayApplyTo(String pathTemplate, ScopeType scopeType, Map<String, Object> opt) {
        if (!scopes.contains(scopeType)) {
            return false;
        }
        if (excludeOptKey != null && Boolean.TRUE.equals(truthy(opt.get(excludeOptKey)))) {
            return false;
        }
        return exclude.isEmpty() || !ExcludedPaths.of(exclude).matches(pathTemplate);
    }

    /** Does the middleware's work for a request it applies to; call {@code next} to go on. */
    protected abstract void handle(Scope scope, Receive receive, Send send, Application next) throws Exception;

    @Override
    public final Application wrap(Application next) {
        // everything about the filter is settled here, once per route
        Set<ScopeType> forScopes = EnumSet.copyOf(scopes);
        ExcludedPaths excluded = ExcludedPaths.of(exclude);
        String optKey = excludeOptKey;
        return new Application() {
            @Override
            public void call(Scope scope, Receive receive, Send send) throws Exception {
                if (applies(scope, forScopes, excluded, optKey)) {
                    handle(scope, receive, send, next);
                } else {
                    next.call(scope, receive, send);
                }
            }

            @Override
            public String toString() {
                return AbstractMiddleware.this + " -> " + next;
            }
        };
    }

    private static boolean applies(Scope scope, Set<ScopeType> forScopes, ExcludedPaths excluded, String optKey) {
        if (!forScopes.contains(scope.type())) {
            return false;
        }
        if (excluded != null && excluded.matches(scope.path())) {
            return false;
        }
        if (optKey != null) {
            HandlerInfo handler = HandlerInfo.of(scope);
            return handler == null || !Boolean.TRUE.equals(truthy(handler.opt().get(optKey)));
        }
        return true;
    }

    /** Opt values from annotations arrive as strings ("true"); from code, as booleans. */
    private static Boolean truthy(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        return value != null && "true".equalsIgnoreCase(value.toString());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}

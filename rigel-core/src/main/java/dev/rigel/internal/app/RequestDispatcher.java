package dev.rigel.internal.app;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.MethodNotAllowedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.RouteMatch;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves requests from a finished {@link RouteTable}: routes each request once (the result is
 * kept in the scope between {@link #runsInline} and {@link #call}), hands it to its route's
 * middleware chain, and answers requests that match no route (404), a route with another method
 * (405) or OPTIONS here, without route middleware, as in Litestar.
 */
public final class RequestDispatcher {

    /** The 400 detail for a plain HTTP request to a path that only has a WebSocket route. */
    static final String EXPECTED_UPGRADE = "Expected a WebSocket upgrade request";

    private final RouteTable table;
    private final AppServices services;
    private final MergedLayers appLayers;
    /** The chosen app middleware around 404/405/OPTIONS answers; null when none was chosen. */
    private final Application unmatchedChain;
    /** Whether any middleware around the unmatched-route answers may block. */
    private final boolean unmatchedMayBlock;
    /** The before-send hooks; null when there are none, so sending costs nothing extra. */
    private final BeforeSendHooks beforeSend;
    /** HTTP's methods and any other a route of this app answers; the rest are answered 501 at once. */
    private final Set<String> knownMethods;

    /** The outcome of routing one request, kept in the scope between runsInline and call. */
    private record Lookup(Endpoint endpoint, RoutePlan plan, Object[] values, boolean head) {}

    public RequestDispatcher(RouteTable table, AppServices services) {
        this.table = table;
        this.services = services;
        AppSettings settings = services.settings();
        this.beforeSend = settings.beforeSend().isEmpty() ? null : new BeforeSendHooks(settings.beforeSend());
        this.appLayers = new MergedLayers(List.of(settings.appLayer()), Map.of());
        this.unmatchedChain = unmatchedChain(settings);
        this.unmatchedMayBlock = services.withBuiltIns(settings.unmatchedRouteMiddleware()).stream()
                .anyMatch(Middleware::mayBlock);
        Set<String> methods = new HashSet<>(STANDARD_METHODS);
        table.routes().forEach(route -> methods.addAll(route.methods()));
        this.knownMethods = Set.copyOf(methods);
    }

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private Application unmatchedChain(AppSettings settings) {
        List<Middleware> appMiddleware = settings.appLayer().middleware;
        List<Middleware> chosen = settings.unmatchedRouteMiddleware();
        for (Middleware candidate : chosen) {
            if (appMiddleware.stream().noneMatch(registered -> registered == candidate)) {
                throw new ImproperlyConfiguredException("alsoForUnmatchedRoutes(" + candidate + "): it is not"
                        + " registered on the app; add it with App.builder().middleware(…) too");
            }
        }
        List<Middleware> ordered = services.withBuiltIns(appMiddleware.stream()
                .filter(middleware -> chosen.stream().anyMatch(c -> c == middleware))
                .toList());
        if (ordered.isEmpty()) {
            return null;
        }
        return services.chain(ordered, this::answerWithoutRoute, null, appLayers, "unmatched routes");
    }

    private Lookup lookup(Scope scope) {
        Object cached = scope.routeData();
        if (cached instanceof Lookup lookup) {
            return lookup;
        }
        RouteMatch<Endpoint> match = table.match(scope.rawPath());
        Lookup lookup;
        if (match == null) {
            lookup = new Lookup(null, null, null, false);
        } else {
            Endpoint endpoint = match.endpoint();
            String method = scope.method();
            RoutePlan plan = endpoint.plan(method);
            boolean head = false;
            if (plan == null && method.equals("HEAD")) {
                plan = endpoint.plan("GET");
                head = plan != null;
            }
            lookup = new Lookup(endpoint, plan, match.values(), head);
        }
        scope.setRouteData(lookup);
        return lookup;
    }

    /**
     * Routes {@code scope} without serving it: records the matched route and its converted path
     * parameters, and the app's state, as serving would; false when no route answers its method
     * and path (WebSocket scopes match WebSocket routes).
     */
    public boolean route(Scope scope) {
        scope.setAppState(services.state());
        if (scope.type() == ScopeType.WEBSOCKET) {
            RouteMatch<Endpoint> match = table.match(scope.rawPath());
            ServedRoute plan = match == null ? null : match.endpoint().webSocket();
            if (plan == null) {
                return false;
            }
            scope.setRoute(plan.description(), match.endpoint().pathParams(match.values()));
            return true;
        }
        Lookup lookup = lookup(scope);
        if (lookup.plan == null) {
            return false;
        }
        scope.setRoute(lookup.plan.description(), lookup.endpoint.pathParams(lookup.values));
        return true;
    }

    public boolean runsInline(Scope scope) {
        if (scope.type() != ScopeType.HTTP) {
            return false;
        }
        Lookup lookup = lookup(scope);
        // 404, 405 and OPTIONS answers never block; handlers only when they say so
        if (lookup.plan == null) {
            return (lookup.endpoint == null || lookup.endpoint.mount() == null)
                    && !unmatchedMayBlock
                    && appLayers.exceptionHandlers.isEmpty();
        }
        return lookup.plan.nonBlocking();
    }

    public void call(Scope scope, Receive receive, Send send) throws Exception {
        Send out = beforeSend == null ? send : beforeSend.wrap(scope, send);
        if (!services.errors().reportsExceptions()) {
            serve(scope, receive, out);
            return;
        }
        try {
            serve(scope, receive, out);
        } catch (Throwable escaped) {
            report(scope, receive, escaped);
            throw escaped;
        }
        java.util.concurrent.CompletionStage<?> later = scope.completion();
        if (later != null) {
            later.whenComplete((ignored, escaped) -> {
                if (escaped != null) {
                    report(scope, receive, escaped);
                }
            });
        }
    }

    /** Raised after the response started: not rendered, but the hooks still hear of it. */
    private void report(Scope scope, Receive receive, Throwable escaped) {
        Lookup lookup = scope.routeData() instanceof Lookup known ? known : null;
        services.errors()
                .report(
                        new Exchange(
                                scope,
                                receive,
                                services,
                                lookup == null || lookup.plan == null ? null : lookup.plan.description(),
                                MergedLayers.DEFAULT_MAX_BODY_SIZE),
                        escaped);
    }

    private void serve(Scope scope, Receive receive, Send send) throws Exception {
        scope.setAppState(services.state());
        if (scope.type() == ScopeType.WEBSOCKET) {
            callWebSocket(scope, receive, send);
            return;
        }
        if (!knownMethods.contains(scope.method()) && mountAt(scope) == null) {
            // RFC 9110 9.1: a method nothing here implements; answered before any middleware, which
            // could only misjudge it (CSRF would call it unsafe and answer 403)
            Exchange exchange = new Exchange(scope, receive, services, null, appLayers.maxBodySize);
            services.errors()
                    .render(exchange, new HttpException(501), appLayers.exceptionHandlers)
                    .send(send);
            return;
        }
        Lookup lookup = lookup(scope);
        RoutePlan plan = lookup.plan;
        if (plan == null && lookup.endpoint != null && lookup.endpoint.mount() != null) {
            callMount(lookup.endpoint.mount(), lookup.endpoint, lookup.values, scope, receive, send);
            return;
        }
        if (plan == null) {
            if (unmatchedChain == null) {
                answerWithoutRoute(scope, receive, send);
            } else {
                unmatchedChain.call(scope, receive, send);
            }
            return;
        }
        scope.setRoute(plan.description(), lookup.endpoint.pathParams(lookup.values));
        Send target = lookup.head || scope.method().equals("HEAD") ? new HeadSend(send) : send;
        plan.entry().call(scope, receive, target);
    }

    /** A WebSocket connection: to its route, or refused with 404 when its path has none. */
    private void callWebSocket(Scope scope, Receive receive, Send send) throws Exception {
        RouteMatch<Endpoint> match = table.match(scope.rawPath());
        ServedRoute plan = match == null ? null : match.endpoint().webSocket();
        if (plan == null && match != null && match.endpoint().mount() != null) {
            callMount(match.endpoint().mount(), match.endpoint(), match.values(), scope, receive, send);
            return;
        }
        if (plan == null) {
            if (unmatchedChain == null) {
                answerWithoutRoute(scope, receive, send);
            } else {
                unmatchedChain.call(scope, receive, send);
            }
            return;
        }
        scope.setRoute(plan.description(), match.endpoint().pathParams(match.values()));
        plan.entry().call(scope, receive, send);
    }

    /** The application mounted where {@code scope}'s path leads, or null. */
    private MountPlan mountAt(Scope scope) {
        Lookup lookup = lookup(scope);
        return lookup.endpoint == null ? null : lookup.endpoint.mount();
    }

    private static void callMount(
            MountPlan mount, Endpoint endpoint, Object[] values, Scope scope, Receive receive, Send send)
            throws Exception {
        scope.setRoute(mount.description(), endpoint.pathParams(values));
        mount.entry().call(scope, receive, send);
    }

    private void answerWithoutRoute(Scope scope, Receive receive, Send send) throws Exception {
        if (scope.type() == ScopeType.WEBSOCKET) {
            // refused before the handshake: the server sends this instead of the 101
            Exchange exchange = new Exchange(scope, () -> Message.Disconnect.INSTANCE, services, null, 0);
            services.errors()
                    .render(exchange, new NotFoundException(), appLayers.exceptionHandlers)
                    .send(send);
            return;
        }
        Lookup lookup = lookup(scope);
        Exchange exchange = new Exchange(scope, receive, services, null, appLayers.maxBodySize);
        Send target = scope.method().equals("HEAD") ? new HeadSend(send) : send;
        if (lookup.endpoint == null) {
            services.errors()
                    .render(exchange, new NotFoundException(), appLayers.exceptionHandlers)
                    .send(target);
        } else if (lookup.endpoint.webSocketOnly()) {
            services.errors()
                    .render(exchange, new ClientException(EXPECTED_UPGRADE), appLayers.exceptionHandlers)
                    .send(target);
        } else if (scope.method().equals("OPTIONS")) {
            Headers headers = Headers.of("allow", lookup.endpoint.allowHeader());
            send.send(new Message.ResponseStart(204, headers));
            send.send(Message.ResponseBody.EMPTY_LAST);
        } else {
            services.errors()
                    .render(
                            exchange,
                            new MethodNotAllowedException(lookup.endpoint.allowHeader()),
                            appLayers.exceptionHandlers)
                    .send(target);
        }
    }

    /** Answers HEAD with GET's status and headers (including content-length) but no body. */
    private static final class HeadSend implements Send {
        private final Send delegate;

        HeadSend(Send delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(Message message) throws java.io.IOException {
            if (message instanceof Message.ResponseBody body) {
                if (!body.moreBody()) {
                    delegate.send(Message.ResponseBody.EMPTY_LAST);
                }
                return;
            }
            delegate.send(message);
        }
    }
}

package dev.rigel.internal.app;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.LifecycleHook;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.MethodNotAllowedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Response;
import dev.rigel.http.State;
import dev.rigel.internal.binding.ValueConverter;
import dev.rigel.internal.binding.ValueConverters;
import dev.rigel.internal.events.EventBus;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.routing.RouteMatch;
import dev.rigel.internal.routing.RouteTrie;
import dev.rigel.internal.work.BackgroundWork;
import dev.rigel.plugin.SerializationPlugin;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.stores.StoreRegistry;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running app: assembles every route plan at construction, then routes and serves requests.
 * Requests that match no route (404), a route with another method (405) or OPTIONS are answered
 * here without route middleware, as in Litestar.
 */
public final class AppRuntime {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.app");

    /** The 400 detail for a plain HTTP request to a path that only has a WebSocket route. */
    static final String EXPECTED_UPGRADE = "Expected a WebSocket upgrade request";

    private final App app;
    private final AppSettings settings;
    private final JsonCodec json;
    private final ErrorResponder errors;
    private final TemplateRenderer templates;
    private final DTORegistry dtos;
    private final RouteTrie<Endpoint> trie = new RouteTrie<>();
    private final List<HandlerInfo> routes = new ArrayList<>();
    private final RouteNames routeNames = new RouteNames();
    private final Map<Provide, CachedValue> caches = new IdentityHashMap<>();
    private final MergedLayers appLayers;
    /** The chosen app middleware around 404/405/OPTIONS answers; null when none was chosen. */
    private final dev.rigel.protocol.Application unmatchedChain;
    /** Whether any middleware around the unmatched-route answers may block. */
    private final boolean unmatchedMayBlock;

    private final Deque<AutoCloseable> openResources = new ArrayDeque<>();
    /** Text parsers contributed by serialization plugins, by exact type. */
    private final Map<Class<?>, java.util.function.Function<String, ?>> textDecoders;

    private final BackgroundWork work = new BackgroundWork("rigel-background-");
    /** Response-cache misses being computed, shared by the routes: keys name entries of one store. */
    private final CacheFlights cacheFlights = new CacheFlights();

    private final EventBus events;
    /** The before-send hooks; null when there are none, so sending costs nothing extra. */
    private final BeforeSendHooks beforeSend;

    private boolean started;

    /** The outcome of routing one request, kept in the scope between runsInline and call. */
    private record Lookup(Endpoint endpoint, RoutePlan plan, Object[] values, boolean head) {}

    public AppRuntime(App app, AppSettings settings) {
        this.app = app;
        this.settings = settings;
        List<SerializationPlugin> serialization = settings.plugins().allOf(SerializationPlugin.class);
        this.json = new JsonCodec(mapper -> {
            // plugins first, so the app's own customizers have the last word
            serialization.forEach(plugin -> mapper.registerModule(plugin.jacksonModule()));
            settings.jsonCustomizers().forEach(customizer -> customizer.accept(mapper));
        });
        Map<Class<?>, java.util.function.Function<String, ?>> decoders = new java.util.HashMap<>();
        serialization.forEach(plugin -> decoders.putAll(plugin.textDecoders()));
        this.textDecoders = Map.copyOf(decoders);
        this.templates = new TemplateRenderer(
                settings.plugins().find(dev.rigel.template.TemplateEngine.class).orElse(null), this::routeReverse);
        this.dtos = new DTORegistry(json.mapper());
        this.errors = new ErrorResponder(json, settings.debug(), templates, settings.afterException());
        this.events = new EventBus(settings.listeners(), work);
        this.beforeSend = settings.beforeSend().isEmpty() ? null : new BeforeSendHooks(settings.beforeSend());
        this.appLayers = new MergedLayers(List.of(settings.appLayer()), Map.of());
        this.unmatchedChain = unmatchedChain(settings);
        this.unmatchedMayBlock = withBuiltIns(settings.unmatchedRouteMiddleware()).stream()
                .anyMatch(dev.rigel.middleware.Middleware::mayBlock);
        List<LayerSettings> chain = List.of(settings.appLayer());
        for (Object handler : settings.routeHandlers()) {
            assemble(handler, "/", chain);
        }
    }

    public State state() {
        return settings.state();
    }

    public boolean debug() {
        return settings.debug();
    }

    public StoreRegistry stores() {
        return settings.stores();
    }

    public JsonCodec json() {
        return json;
    }

    dev.rigel.form.FormConfig formConfig() {
        return settings.forms();
    }

    public EventBus events() {
        return events;
    }

    BackgroundWork work() {
        return work;
    }

    /**
     * The converter from text to {@code type} for path, query, header and cookie values: a
     * serialization plugin's decoder for exactly that type, else Rigel's own; null when neither
     * knows the type.
     */
    ValueConverter valueConverter(Class<?> type) {
        java.util.function.Function<String, ?> decoder = textDecoders.get(type);
        if (decoder == null) {
            return ValueConverters.forType(type);
        }
        String expected = "expected a " + type.getSimpleName() + ", got '";
        return text -> {
            Object value;
            try {
                value = decoder.apply(text);
            } catch (RuntimeException e) {
                value = null;
            }
            if (value == null) {
                throw new IllegalArgumentException(expected + text + "'");
            }
            return value;
        };
    }

    /** The response cache of a route with {@code cache} option {@code option} (and its own key builder, or null), or null. */
    ResponseCache responseCache(int option, dev.rigel.cache.CacheKeyBuilder keyBuilder, String route) {
        try {
            return ResponseCache.forRoute(
                    option, keyBuilder, settings.responseCache(), settings.stores(), cacheFlights, route);
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(e.getMessage(), e);
        }
    }

    DTORegistry dtos() {
        return dtos;
    }

    ErrorResponder errors() {
        return errors;
    }

    public List<HandlerInfo> routes() {
        return Collections.unmodifiableList(routes);
    }

    /** The path of the route named {@code name} (see {@link RouteNames#reverse}). */
    public String routeReverse(String name, Map<String, ?> params, Map<String, ?> query) {
        return routeNames.reverse(name, params, query);
    }

    synchronized CachedValue cacheFor(Provide provide) {
        return caches.computeIfAbsent(provide, key -> new CachedValue());
    }

    // ---- assembly (startup) ----

    private dev.rigel.protocol.Application unmatchedChain(AppSettings settings) {
        List<dev.rigel.middleware.Middleware> appMiddleware = settings.appLayer().middleware;
        List<dev.rigel.middleware.Middleware> chosen = settings.unmatchedRouteMiddleware();
        for (dev.rigel.middleware.Middleware candidate : chosen) {
            if (appMiddleware.stream().noneMatch(registered -> registered == candidate)) {
                throw new ImproperlyConfiguredException("alsoForUnmatchedRoutes(" + candidate + "): it is not"
                        + " registered on the app; add it with App.builder().middleware(…) too");
            }
        }
        List<dev.rigel.middleware.Middleware> ordered = withBuiltIns(appMiddleware.stream()
                .filter(middleware -> chosen.stream().anyMatch(c -> c == middleware))
                .toList());
        if (ordered.isEmpty()) {
            return null;
        }
        return chain(ordered, this::answerWithoutRoute, null, appLayers, "unmatched routes");
    }

    /** The app's built-in middleware (outermost, in {@link BuiltIn} order) followed by {@code middleware}. */
    List<dev.rigel.middleware.Middleware> withBuiltIns(List<dev.rigel.middleware.Middleware> middleware) {
        List<dev.rigel.middleware.Middleware> builtIns = settings.builtInMiddleware();
        if (builtIns.isEmpty()) {
            return middleware;
        }
        List<dev.rigel.middleware.Middleware> all = new ArrayList<>(builtIns.size() + middleware.size());
        all.addAll(builtIns);
        all.addAll(middleware);
        return all;
    }

    /**
     * Composes middleware (first = outermost) around {@code core}, with an {@link ErrorBoundary}
     * under each one and around the whole, so an exception a middleware raises is answered where
     * it is raised and the middleware further out see that answer. The core itself needs no
     * boundary: a route handler and the 404/405 answers render their own errors.
     */
    dev.rigel.protocol.Application chain(
            List<dev.rigel.middleware.Middleware> middleware,
            dev.rigel.protocol.Application core,
            HandlerInfo plan,
            MergedLayers layers,
            String usedBy) {
        if (middleware.isEmpty()) {
            return core;
        }
        dev.rigel.protocol.Application chain = core;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            if (i < middleware.size() - 1) {
                chain = new ErrorBoundary(chain, this, plan, layers);
            }
            chain = middleware.get(i).wrap(chain);
            if (chain == null) {
                throw new ImproperlyConfiguredException(
                        "Middleware " + middleware.get(i) + " returned no application for " + usedBy);
            }
        }
        return new ErrorBoundary(chain, this, plan, layers);
    }

    private void assemble(Object handler, String prefix, List<LayerSettings> chain) {
        switch (handler) {
            case Router router -> {
                List<LayerSettings> inner = append(chain, router.layer().layerSettings());
                for (Object child : router.routeHandlers()) {
                    assemble(child, PathTemplate.join(prefix, router.path()), inner);
                }
            }
            case Controller controller -> {
                List<LayerSettings> inner = append(chain, controller.layer().layerSettings());
                String path = PathTemplate.join(prefix, controller.path());
                List<HandlerDefinition> handlers = HandlerScanner.scan(controller);
                List<WebSocketDefinition> sockets = WebSocketScanner.scan(controller);
                if (handlers.isEmpty() && sockets.isEmpty()) {
                    throw new ImproperlyConfiguredException(
                            "Controller " + controller.getClass().getName()
                                    + " has no handler methods (annotate them with @Get, @Post, …, @WebSocket)");
                }
                handlers.forEach(definition -> addHandler(path, inner, definition));
                sockets.forEach(definition -> addWebSocket(path, inner, definition));
            }
            case Route route -> addHandler(prefix, chain, HandlerScanner.fromRoute(route));
            case dev.rigel.WebSocketRoute route -> addWebSocket(prefix, chain, WebSocketScanner.fromRoute(route));
            case Class<?> type -> {
                if (!Controller.class.isAssignableFrom(type)
                        && !HandlerScanner.hasHandlers(type)
                        && !WebSocketScanner.hasRoutes(type)) {
                    throw new ImproperlyConfiguredException(type.getName() + " is not a route handler: it is not a"
                            + " Controller and has no methods annotated with @Get, @Post, …, @WebSocket");
                }
                assemble(HandlerScanner.instantiate(type, "route handlers"), prefix, chain);
            }
            default -> {
                List<HandlerDefinition> handlers = HandlerScanner.scan(handler);
                List<WebSocketDefinition> sockets = WebSocketScanner.scan(handler);
                if (handlers.isEmpty() && sockets.isEmpty()) {
                    throw new ImproperlyConfiguredException(handler.getClass().getName() + " is not a route handler:"
                            + " pass Routers, Controllers, Routes, or objects with methods annotated @Get, @Post, …");
                }
                handlers.forEach(definition -> addHandler(prefix, chain, definition));
                sockets.forEach(definition -> addWebSocket(prefix, chain, definition));
            }
        }
    }

    private static List<LayerSettings> append(List<LayerSettings> chain, LayerSettings layer) {
        List<LayerSettings> longer = new ArrayList<>(chain.size() + 1);
        longer.addAll(chain);
        longer.add(layer);
        return List.copyOf(longer);
    }

    private void addWebSocket(String prefix, List<LayerSettings> chain, WebSocketDefinition definition) {
        for (String relative : definition.paths()) {
            PathTemplate template;
            try {
                template = PathTemplate.parse(PathTemplate.join(prefix, relative));
            } catch (IllegalArgumentException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            MergedLayers layers = new MergedLayers(append(chain, definition.layer()), settings.dependencyOverrides());
            WebSocketRoutePlan plan = WebSocketPlanner.plan(template, definition, layers, this);
            Endpoint endpoint;
            try {
                endpoint = trie.endpoint(template, Endpoint::new);
            } catch (IllegalStateException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            endpoint.addWebSocket(plan);
            routes.add(plan);
        }
    }

    private void addHandler(String prefix, List<LayerSettings> chain, HandlerDefinition definition) {
        for (String relative : definition.paths()) {
            String fullPath = PathTemplate.join(prefix, relative);
            PathTemplate template;
            try {
                template = PathTemplate.parse(fullPath);
            } catch (IllegalArgumentException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            String description =
                    String.join("/", definition.methods()) + " " + template.template() + " (" + definition.name() + ")";
            if (definition.routeName() != null) {
                routeNames.register(definition.routeName(), definition, description, template);
            }
            MergedLayers layers = new MergedLayers(append(chain, definition.layer()), settings.dependencyOverrides());
            BindingPlanner planner = new BindingPlanner(description, template, layers, this);
            BoundParam[] params = planner.bind(definition.callable(), "handler " + definition.name());
            dev.rigel.dto.DTOCodec<?> returnDto = dtos.resolve(layers.returnDto, description);
            dev.rigel.internal.app.DTOResponseWriter dtoWriter = returnDto == null
                    ? null
                    : DTOBindings.responseWriter(
                            definition.callable().returnType(), returnDto, description, "handler " + definition.name());
            ResponseEncoder encoder = encoderFor(definition, layers, dtoWriter);
            RoutePlan plan = new RoutePlan(
                    template.template(),
                    definition.methods(),
                    definition.name(),
                    layers,
                    definition.callable(),
                    params,
                    planner.steps(),
                    planner.slotCount(),
                    encoder,
                    definition.status(),
                    definition.nonBlocking(),
                    responseCache(definition.cache(), definition.cacheKeyBuilder(), description),
                    this);
            plan.describeDtos(planner.dataDto(), dtoWriter == null ? null : returnDto);
            plan.describeParameters(planner.describedParameters());
            Endpoint endpoint;
            try {
                endpoint = trie.endpoint(template, Endpoint::new);
            } catch (IllegalStateException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            for (String method : definition.methods()) {
                endpoint.add(method, plan);
            }
            routes.add(plan);
        }
    }

    private ResponseEncoder encoderFor(
            HandlerDefinition definition, MergedLayers layers, dev.rigel.internal.app.DTOResponseWriter dtoWriter) {
        Type declared = definition.callable().returnType();
        if (Types.raw(declared) == Response.class) {
            declared = Types.typeArgument(declared, 0);
        }
        Class<?> raw = Types.raw(declared);
        if (raw == dev.rigel.response.Template.class && !templates.hasEngine()) {
            throw new ImproperlyConfiguredException(definition.name() + " returns templates but the app has no template"
                    + " engine; register one as a plugin, e.g. App.builder().plugins(PebbleTemplates.classpath("
                    + "\"templates\")) from rigel-pebble");
        }
        boolean plainJson = raw != Object.class
                && raw != String.class
                && raw != byte[].class
                && raw != void.class
                && raw != Void.class
                && !raw.isPrimitive()
                && !dev.rigel.response.ResponseContent.class.isAssignableFrom(raw); // sent by ContentResponses
        ObjectWriter writer = plainJson ? json.writer(declared) : null;
        return new ResponseEncoder(
                json,
                writer,
                Types.boxed(raw),
                definition.mediaType(),
                layers.sentHeaders,
                layers.responseCookies,
                templates,
                dtoWriter);
    }

    // ---- serving ----

    private Lookup lookup(Scope scope) {
        Object cached = scope.routeData();
        if (cached instanceof Lookup lookup) {
            return lookup;
        }
        RouteMatch<Endpoint> match = trie.match(scope.rawPath());
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

    public boolean runsInline(Scope scope) {
        if (scope.type() != ScopeType.HTTP) {
            return false;
        }
        Lookup lookup = lookup(scope);
        // 404, 405 and OPTIONS answers never block; handlers only when they say so
        if (lookup.plan == null) {
            return !unmatchedMayBlock && appLayers.exceptionHandlers.isEmpty();
        }
        return lookup.plan.nonBlocking();
    }

    public void call(Scope scope, Receive receive, Send send) throws Exception {
        Send out = beforeSend == null ? send : beforeSend.wrap(scope, send);
        if (!errors.reportsExceptions()) {
            serve(scope, receive, out);
            return;
        }
        try {
            serve(scope, receive, out);
        } catch (Throwable escaped) {
            // raised after the response started: not rendered, but the hooks still hear of it
            Lookup lookup = scope.routeData() instanceof Lookup known ? known : null;
            errors.report(
                    new Exchange(
                            scope,
                            receive,
                            this,
                            lookup == null ? null : lookup.plan,
                            MergedLayers.DEFAULT_MAX_BODY_SIZE),
                    escaped);
            throw escaped;
        }
    }

    private void serve(Scope scope, Receive receive, Send send) throws Exception {
        if (scope.type() == ScopeType.WEBSOCKET) {
            callWebSocket(scope, receive, send);
            return;
        }
        Lookup lookup = lookup(scope);
        RoutePlan plan = lookup.plan;
        if (plan == null) {
            if (unmatchedChain == null) {
                answerWithoutRoute(scope, receive, send);
            } else {
                unmatchedChain.call(scope, receive, send);
            }
            return;
        }
        scope.setRoute(plan, lookup.endpoint.pathParams(lookup.values));
        Send target = lookup.head || scope.method().equals("HEAD") ? new HeadSend(send) : send;
        plan.entry().call(scope, receive, target);
    }

    /** A WebSocket connection: to its route, or refused with 404 when its path has none. */
    private void callWebSocket(Scope scope, Receive receive, Send send) throws Exception {
        RouteMatch<Endpoint> match = trie.match(scope.rawPath());
        WebSocketRoutePlan plan = match == null ? null : match.endpoint().webSocket();
        if (plan == null) {
            if (unmatchedChain == null) {
                answerWithoutRoute(scope, receive, send);
            } else {
                unmatchedChain.call(scope, receive, send);
            }
            return;
        }
        scope.setRoute(plan, match.endpoint().pathParams(match.values()));
        plan.entry().call(scope, receive, send);
    }

    private void answerWithoutRoute(Scope scope, Receive receive, Send send) throws Exception {
        if (scope.type() == ScopeType.WEBSOCKET) {
            // refused before the handshake: the server sends this instead of the 101
            Exchange exchange = new Exchange(scope, () -> Message.Disconnect.INSTANCE, this, null, 0);
            errors.render(exchange, new NotFoundException(), appLayers.exceptionHandlers)
                    .send(send);
            return;
        }
        Lookup lookup = lookup(scope);
        Exchange exchange = new Exchange(scope, receive, this, null, appLayers.maxBodySize);
        Send target = scope.method().equals("HEAD") ? new HeadSend(send) : send;
        if (lookup.endpoint == null) {
            errors.render(exchange, new NotFoundException(), appLayers.exceptionHandlers)
                    .send(target);
        } else if (lookup.endpoint.webSocketOnly()) {
            errors.render(exchange, new ClientException(EXPECTED_UPGRADE), appLayers.exceptionHandlers)
                    .send(target);
        } else if (scope.method().equals("OPTIONS")) {
            Headers headers = Headers.of("allow", lookup.endpoint.allowHeader());
            send.send(new Message.ResponseStart(204, headers));
            send.send(Message.ResponseBody.EMPTY_LAST);
        } else {
            errors.render(
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

    // ---- lifecycle ----

    public synchronized void startup() {
        if (started) {
            return;
        }
        started = true;
        // as Litestar: lifespan resources are entered first, so startup hooks can use them
        try {
            for (var resource : settings.lifespans()) {
                AutoCloseable opened = resource.apply(app);
                if (opened != null) {
                    openResources.push(opened);
                }
            }
            for (LifecycleHook hook : settings.onStartup()) {
                hook.run(app);
            }
        } catch (Exception e) {
            shutdown();
            throw new IllegalStateException("App startup failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stops in Litestar's order: values cached for the app's lifetime first (they are often built
     * on lifespan resources), then lifespan resources in reverse order, then shutdown hooks; the
     * app's stores are closed last.
     */
    public synchronized void shutdown() {
        if (!started) {
            return;
        }
        started = false;
        // listeners may use everything below, so they finish first
        int left = work.drain(settings.shutdownDrainTimeout());
        if (left > 0) {
            LOG.warn(
                    "{} event listener(s) or background task(s) still running after {}; shutting down without them",
                    left,
                    settings.shutdownDrainTimeout());
        }
        for (CachedValue cache : caches.values()) {
            try {
                cache.close();
            } catch (Exception e) {
                LOG.error("Cleanup of a cached dependency failed", e);
            }
        }
        while (!openResources.isEmpty()) {
            AutoCloseable resource = openResources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.error("Closing lifespan resource {} failed", resource, e);
            }
        }
        for (LifecycleHook hook : settings.onShutdown()) {
            try {
                hook.run(app);
            } catch (Exception e) {
                LOG.error("Shutdown hook failed", e);
            }
        }
        // last, since shutdown hooks may still write to stores (e.g. flush sessions)
        try {
            settings.stores().close();
        } catch (Exception e) {
            LOG.error("Closing the app's stores failed", e);
        }
    }
}

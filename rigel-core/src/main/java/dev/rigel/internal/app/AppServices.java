package dev.rigel.internal.app;

import dev.rigel.cache.CacheKeyBuilder;
import dev.rigel.di.ParameterSource;
import dev.rigel.di.Provide;
import dev.rigel.dto.DTOCodec;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.form.FormConfig;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.State;
import dev.rigel.internal.binding.BindingServices;
import dev.rigel.internal.binding.CachedValue;
import dev.rigel.internal.body.TemplateRenderer;
import dev.rigel.internal.cache.CacheFlights;
import dev.rigel.internal.cache.ResponseCache;
import dev.rigel.internal.events.EventBus;
import dev.rigel.internal.exchange.ExchangeServices;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.text.ValueConverter;
import dev.rigel.internal.text.ValueConverters;
import dev.rigel.internal.work.BackgroundWork;
import dev.rigel.middleware.Middleware;
import dev.rigel.middleware.MiddlewareContext;
import dev.rigel.plugin.SerializationPlugin;
import dev.rigel.protocol.Application;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.template.TemplateEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every route of one app shares, made once before any route is assembled: the JSON codec,
 * the error responder, templates, compiled DTOs, text converters, the response-cache flights,
 * values cached for the app's lifetime, background work and events. Route assembly reads it to
 * plan routes, plans read it while they serve, and the lifecycle closes what it holds.
 */
public final class AppServices implements ExchangeServices, BindingServices {

    private final AppSettings settings;
    private final JsonCodec json;
    private final ErrorResponder errors;
    private final TemplateRenderer templates;
    private final DTORegistry dtos;
    private final RouteNames routeNames = new RouteNames();
    private final Map<Provide, CachedValue> caches = new IdentityHashMap<>();
    /** Text parsers contributed by serialization plugins, by exact type. */
    private final Map<Class<?>, Function<String, ?>> textDecoders;
    /** JSON for routes whose layers add serialization plugins, one per distinct list of them. */
    private final Map<List<SerializationPlugin>, JsonCodec> layeredJson = new HashMap<>();

    private final BackgroundWork work = new BackgroundWork("rigel-background-");
    /** Response-cache misses being computed, shared by the routes: keys name entries of one store. */
    private final CacheFlights cacheFlights = new CacheFlights();

    private final EventBus events;
    private final List<ParameterSource> parameterSources;
    private final AsyncResults asyncResults;

    public AppServices(AppSettings settings) {
        this.settings = settings;
        this.asyncResults = new AsyncResults(settings.asyncResults());
        List<SerializationPlugin> serialization = settings.plugins().allOf(SerializationPlugin.class);
        this.json = new JsonCodec(mapper -> {
            // plugins first, so the app's own customizers have the last word
            serialization.forEach(plugin -> mapper.registerModule(plugin.jacksonModule()));
            settings.jsonCustomizers().forEach(customizer -> customizer.accept(mapper));
        });
        for (dev.rigel.plugin.BodyFormatPlugin format :
                settings.plugins().allOf(dev.rigel.plugin.BodyFormatPlugin.class)) {
            List<String> types = format.mediaTypes();
            if (types.isEmpty()) {
                throw new dev.rigel.exceptions.ImproperlyConfiguredException(
                        format.getClass().getName() + " names no media type");
            }
            json.addFormat(format.formatName(), types.getFirst(), types.subList(1, types.size()), format.factory());
        }
        Map<Class<?>, Function<String, ?>> decoders = new HashMap<>();
        serialization.forEach(plugin -> decoders.putAll(plugin.textDecoders()));
        this.textDecoders = Map.copyOf(decoders);
        this.templates = new TemplateRenderer(
                settings.plugins().find(TemplateEngine.class).orElse(null), routeNames::reverse);
        this.dtos = new DTORegistry(json.mapper());
        this.errors = new ErrorResponder(json, settings.debug(), templates, settings.afterException());
        this.events = new EventBus(settings.listeners(), work);
        List<ParameterSource> sources = new ArrayList<>(settings.parameterSources());
        sources.addAll(settings.plugins().allOf(ParameterSource.class));
        this.parameterSources = List.copyOf(sources);
    }

    public AppSettings settings() {
        return settings;
    }

    @Override
    public State state() {
        return settings.state();
    }

    public boolean debug() {
        return settings.debug();
    }

    @Override
    public StoreRegistry stores() {
        return settings.stores();
    }

    @Override
    public JsonCodec json() {
        return json;
    }

    /**
     * What binding and requests of a route with these layers use: this app's services, with the
     * layers' serialization plugins (closest last, so it wins) added to JSON and to text
     * conversion. The app's own when the layers add none.
     */
    public LayerServices forLayers(MergedLayers layers) {
        List<SerializationPlugin> plugins = layers.serialization;
        if (plugins.isEmpty()) {
            return new LayerServices(this, json, Map.of());
        }
        JsonCodec layered;
        synchronized (layeredJson) {
            layered = layeredJson.computeIfAbsent(
                    plugins,
                    list -> json.withModules(list.stream()
                            .map(SerializationPlugin::jacksonModule)
                            .toList()));
        }
        Map<Class<?>, Function<String, ?>> decoders = new HashMap<>();
        plugins.forEach(plugin -> decoders.putAll(plugin.textDecoders()));
        return new LayerServices(this, layered, decoders);
    }

    @Override
    public FormConfig formConfig() {
        return settings.forms();
    }

    @Override
    public EventBus events() {
        return events;
    }

    BackgroundWork work() {
        return work;
    }

    public TemplateRenderer templates() {
        return templates;
    }

    /**
     * The converter from text to {@code type} for path, query, header and cookie values: a
     * serialization plugin's decoder for exactly that type, else Rigel's own; null when neither
     * knows the type.
     */
    @Override
    public ValueConverter valueConverter(Class<?> type) {
        Function<String, ?> decoder = textDecoders.get(type);
        if (decoder == null) {
            return ValueConverters.forType(type);
        }
        return decoding(type, decoder);
    }

    /** A converter through a serialization plugin's text {@code decoder}; what it refuses is the client's error. */
    static ValueConverter decoding(Class<?> type, Function<String, ?> decoder) {
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
    public ResponseCache responseCache(int option, CacheKeyBuilder keyBuilder, String route) {
        try {
            return ResponseCache.forRoute(
                    option, keyBuilder, settings.responseCache(), settings.stores(), cacheFlights, route);
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(e.getMessage(), e);
        }
    }

    @Override
    public DTOCodec<?> dto(Object setting, String usedBy) {
        return dtos.resolve(setting, usedBy);
    }

    @Override
    public List<ParameterSource> parameterSources() {
        return parameterSources;
    }

    public ErrorResponder errors() {
        return errors;
    }

    /** The names routes were given, filled while routes are assembled; read-only once the app is built. */
    public RouteNames routeNames() {
        return routeNames;
    }

    /** The path of the route named {@code name} (see {@link RouteNames#reverse}). */
    @Override
    public String routeReverse(String name, Map<String, ?> params, Map<String, ?> query) {
        return routeNames.reverse(name, params, query);
    }

    @Override
    public synchronized CachedValue cacheFor(Provide provide) {
        return caches.computeIfAbsent(provide, key -> new CachedValue());
    }

    /** Every value cached for the app's lifetime so far, for shutdown to close. */
    synchronized List<CachedValue> cachedValues() {
        return new ArrayList<>(caches.values());
    }

    /**
     * The middleware a route runs, outermost first: the app's built-ins (in {@link BuiltIn} order),
     * then {@code middleware} (its layers', app first); of several with one {@link
     * Middleware#overrideKey()}, only the innermost stays, in its own place.
     */
    public List<Middleware> withBuiltIns(List<Middleware> middleware) {
        List<Middleware> builtIns = settings.builtInMiddleware();
        List<Middleware> all = new ArrayList<>(builtIns.size() + middleware.size());
        all.addAll(builtIns);
        all.addAll(middleware);
        java.util.Set<Object> later = new java.util.HashSet<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Object key = all.get(i).overrideKey();
            if (key != null && !later.add(key)) {
                all.remove(i);
            }
        }
        return all;
    }

    /** The first of {@code middleware} that may block while serving {@code route} of this app, or null. */
    public Middleware firstThatMayBlock(List<Middleware> middleware, HandlerInfo route) {
        MiddlewareContext context = new Context(settings.stores(), route);
        for (Middleware m : middleware) {
            if (m.mayBlock(context)) {
                return m;
            }
        }
        return null;
    }

    /** What middleware learn of the app when they wrap one of its routes. */
    private record Context(StoreRegistry stores, HandlerInfo route) implements MiddlewareContext {}

    /**
     * Composes middleware (first = outermost) around {@code core}, with an {@link ErrorBoundary}
     * under each one and around the whole, so an exception a middleware raises is answered where
     * it is raised and the middleware further out see that answer. The core itself needs no
     * boundary: a route handler and the 404/405 answers render their own errors.
     */
    public Application chain(
            List<Middleware> middleware, Application core, HandlerInfo plan, MergedLayers layers, String usedBy) {
        if (middleware.isEmpty()) {
            return core;
        }
        MiddlewareContext context = new Context(settings.stores(), plan);
        Application chain = core;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            if (i < middleware.size() - 1) {
                chain = new ErrorBoundary(chain, this, plan, layers);
            }
            chain = middleware.get(i).wrap(chain, context);
            if (chain == null) {
                throw new ImproperlyConfiguredException(
                        "Middleware " + middleware.get(i) + " returned no application for " + usedBy);
            }
        }
        return new ErrorBoundary(chain, this, plan, layers);
    }

    /** What makes a handler's result asynchronous: stages, and the types the app registered. */
    public AsyncResults asyncResults() {
        return asyncResults;
    }
}

package dev.rigel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.cache.ResponseCacheConfig;
import dev.rigel.di.Provide;
import dev.rigel.events.EventEmitter;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Hooks;
import dev.rigel.http.State;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.app.AppSettings;
import dev.rigel.internal.app.BuiltIn;
import dev.rigel.internal.app.Lifecycle;
import dev.rigel.internal.app.RequestDispatcher;
import dev.rigel.internal.app.RouteTable;
import dev.rigel.internal.assembly.RouteAssembler;
import dev.rigel.middleware.Middleware;
import dev.rigel.plugin.Plugin;
import dev.rigel.plugin.PluginRegistry;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.stores.StoreRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Rigel application: the outermost layer, holding route handlers, app-wide settings and
 * lifecycle. It is an {@link Application}, so a server (or the test client) simply calls it.
 *
 * <pre>{@code
 * App app = App.builder()
 *     .routeHandlers(Route.get("/health", () -> Map.of("status", "ok")), apiRouter)
 *     .dependency("cache", Provide.of(Cache::new).useCache())
 *     .onStartup(a -> log.info("ready"))
 *     .build();
 * }</pre>
 *
 * Building the app resolves every route once: merged layers, bound parameters, the dependency
 * graph. Anything wrong (missing dependency, cycle, conflicting routes) fails {@code build()}
 * with an {@link dev.rigel.exceptions.ImproperlyConfiguredException}.
 */
public final class App implements Application, Lifespan {

    /** What the app was built from that only this layer reads: its route tree and its lifecycle hooks. */
    private record Definition(
            List<Object> routeHandlers,
            List<LifecycleHook> onStartup,
            List<LifecycleHook> onShutdown,
            List<Function<App, AutoCloseable>> lifespans) {}

    private final AppSettings settings;
    private final Definition definition;
    private final AppServices services;
    private final RouteTable routes;
    private final RequestDispatcher dispatcher;
    private final Lifecycle lifecycle;
    // set by the server when it begins a graceful stop, cleared by the next startup
    private volatile boolean draining;

    private App(AppSettings settings, Definition definition) {
        this.settings = settings;
        this.definition = definition;
        this.services = new AppServices(settings);
        this.routes = RouteTree.assemble(definition.routeHandlers(), new RouteAssembler(services));
        this.dispatcher = new RequestDispatcher(routes, services);
        // mounted apps start first and stop last, like lifespan resources opened before the app's own
        List<Callable<AutoCloseable>> resources = new java.util.ArrayList<>();
        for (Lifespan mounted : routes.mounted()) {
            resources.add(() -> {
                mounted.startup();
                return mounted::shutdown;
            });
        }
        definition.lifespans().forEach(resource -> resources.add(() -> resource.apply(this)));
        this.lifecycle =
                new Lifecycle(services, resources, bound(definition.onStartup()), bound(definition.onShutdown()));
    }

    /** The hooks, each called with this app. */
    private List<Lifecycle.Hook> bound(List<LifecycleHook> hooks) {
        return hooks.stream().map(hook -> (Lifecycle.Hook) () -> hook.run(this)).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        dispatcher.call(scope, receive, send);
    }

    @Override
    public boolean runsInline(Scope scope) {
        return dispatcher.runsInline(scope);
    }

    /**
     * Routes {@code scope} as serving it would, without serving it: afterwards
     * {@code HandlerInfo.of(scope)} is the matched route, {@code scope.pathParams()} its converted
     * path parameters and {@code State.of(scope)} this app's state. False when no route answers the
     * scope's method and path. For tools that build requests outside a server, such as the test
     * kit's {@code RequestFactory}.
     */
    public boolean route(Scope scope) {
        return dispatcher.route(scope);
    }

    /** Opens lifespan resources, then runs the startup hooks; called by servers and test clients. */
    @Override
    public void startup() {
        draining = false;
        lifecycle.startup();
    }

    /**
     * Marks the app as draining: its server is stopping gracefully and it should receive no new
     * traffic. Readiness ({@code HealthPlugin}) answers 503 from now on; requests are still served.
     */
    @Override
    public void startDraining() {
        draining = true;
        routes.mounted().forEach(Lifespan::startDraining);
    }

    /** Whether the server serving this app has begun a graceful stop (see {@link #startDraining()}). */
    public boolean isDraining() {
        return draining;
    }

    /** Closes lifespan resources in reverse order, then runs the shutdown hooks. */
    @Override
    public void shutdown() {
        lifecycle.shutdown();
    }

    /** Application-wide state, also injectable as {@code state}. */
    public State state() {
        return services.state();
    }

    public boolean debug() {
        return services.debug();
    }

    /** The app's named stores (rate limits, sessions, caches…); also injectable as a {@code StoreRegistry}. */
    public StoreRegistry stores() {
        return settings.stores();
    }

    /** The plugins the app was built with; look one up with {@code plugins().get(MyPlugin.class)}. */
    public PluginRegistry plugins() {
        return settings.plugins();
    }

    /**
     * The app's first plugin of {@code type}, e.g. {@code app.plugin(ChannelsPlugin.class)}.
     *
     * @throws IllegalStateException naming the registered plugins when there is none
     */
    public <P> P plugin(Class<P> type) {
        return settings.plugins().get(type);
    }

    /**
     * Emits an event to its listeners, each on its own virtual thread; returns at once. See
     * {@link EventEmitter} (handlers can take one as a parameter).
     *
     * @throws dev.rigel.exceptions.ImproperlyConfiguredException when no listener listens to {@code eventId}
     */
    public void emit(String eventId, Object... args) {
        services.events().emit(eventId, args);
    }

    /** Every route handler, with its full path template and merged metadata. */
    public List<HandlerInfo> routes() {
        return routes.routes();
    }

    /**
     * The path of the route named {@code routeName} with {@code pathParams} filled in (Litestar's
     * {@code route_reverse}); for building links outside a request. Inside one,
     * {@code request.urlFor} gives the absolute URL.
     *
     * @throws dev.rigel.exceptions.NoRouteMatchFoundException for an unknown name, or parameters
     *     that are missing, extra or of the wrong type
     */
    public String routeReverse(String routeName, Map<String, ?> pathParams) {
        return services.routeReverse(routeName, pathParams, Map.of());
    }

    /** As {@link #routeReverse(String, Map)}, with {@code query} appended as a query string. */
    public String routeReverse(String routeName, Map<String, ?> pathParams, Map<String, ?> query) {
        return services.routeReverse(routeName, pathParams, query);
    }

    /**
     * The app-wide middleware of {@code type}, in the order it runs: the built-in ones the builder
     * set ({@code sessions(…)}, {@code cors(…)}, …), then the app layer's own. For tools that must
     * speak a middleware's format, such as the test client's session helpers.
     */
    public <M extends dev.rigel.middleware.Middleware> List<M> middleware(Class<M> type) {
        List<M> found = new java.util.ArrayList<>();
        for (List<dev.rigel.middleware.Middleware> list :
                List.of(settings.builtInMiddleware(), settings.appLayer().middleware())) {
            for (dev.rigel.middleware.Middleware middleware : list) {
                if (type.isInstance(middleware)) {
                    found.add(type.cast(middleware));
                }
            }
        }
        return found;
    }

    /** The JSON mapper the app encodes and decodes with. */
    public ObjectMapper objectMapper() {
        return services.json().mapper();
    }

    /**
     * A new app with the same configuration whose dependencies {@code overrides} replace those of
     * the same key on every layer. Meant for tests: swap a database for a fake without touching
     * the app's code.
     */
    public App withDependencyOverrides(Map<String, Provide> overrides) {
        return new App(settings.withDependencyOverrides(overrides), definition);
    }

    /**
     * Configures an {@link App}; the app layer's settings come from {@link LayerBuilder}. The
     * builder is the app's whole configuration (Litestar's {@code AppConfig}), which is what
     * {@link #onAppInit} hooks and {@link InitPlugin}s receive: each collected setting can be read
     * and changed through an accessor of the same name without arguments ({@link #routeHandlers()},
     * {@link #onStartup()}, {@link #middleware()}, {@link #dependencies()}, {@link #state()}, …),
     * which returns the live collection; single values are replaced by setting them again.
     */
    public static final class Builder extends LayerBuilder<Builder> {
        private final List<Object> routeHandlers = new ArrayList<>();
        private final List<LifecycleHook> onStartup = new ArrayList<>();
        private final List<LifecycleHook> onShutdown = new ArrayList<>();
        private final List<Function<App, AutoCloseable>> lifespans = new ArrayList<>();
        private final Map<String, Provide> overrides = new LinkedHashMap<>();
        private final List<Middleware> unmatchedRouteMiddleware = new ArrayList<>();
        private final java.util.EnumMap<BuiltIn, Middleware> builtIns = new java.util.EnumMap<>(BuiltIn.class);
        private final List<Plugin> plugins = new ArrayList<>();
        private int initialisedPlugins;
        private boolean autoPlugins = true;
        private boolean autoPluginsAdded;
        private final List<Plugin> automaticPlugins = new ArrayList<>();
        private final List<Consumer<Builder>> onAppInit = new ArrayList<>();
        private int ranAppInitHooks;
        private final List<Hooks.BeforeSend> beforeSend = new ArrayList<>();
        private final List<Hooks.AfterException> afterException = new ArrayList<>();
        private final List<Object> listeners = new ArrayList<>();
        private ResponseCacheConfig responseCache = ResponseCacheConfig.defaults();
        private Duration shutdownDrainTimeout = Duration.ofSeconds(10);
        private State state = new State();
        private StoreRegistry stores = new StoreRegistry();
        private boolean debug;
        private final List<Consumer<ObjectMapper>> json = new ArrayList<>();
        private dev.rigel.form.FormConfig forms = dev.rigel.form.FormConfig.DEFAULT;
        /**
         * The session's, htmx's and the caller's sources are always there: any layer may add session or
         * authentication middleware of its own.
         */
        private final Map<Class<?>, Function<Object, CompletionStage<?>>> asyncResults = new LinkedHashMap<>();

        private final List<dev.rigel.di.ParameterSource> parameterSources = new ArrayList<>(List.of(
                dev.rigel.middleware.session.Session.parameterSource(),
                dev.rigel.htmx.HTMXDetails.parameterSource(),
                dev.rigel.security.AuthenticationParameters.parameterSource()));

        private Builder() {
            super("app");
        }

        /**
         * Adds handlers: {@link Router}s, {@link Controller} instances or classes, instances or
         * classes with annotated handler methods, and {@link Route}s.
         */
        public Builder routeHandlers(Object... handlers) {
            for (Object handler : handlers) {
                routeHandlers.add(java.util.Objects.requireNonNull(handler, "route handler"));
            }
            return this;
        }

        /** The route handlers given so far, live. */
        public List<Object> routeHandlers() {
            return routeHandlers;
        }

        /**
         * Registers plugins. {@link InitPlugin}s configure this builder when {@link #build()} runs,
         * in registration order (after the {@link #onAppInit} hooks); every plugin can be found
         * later through {@link App#plugin(Class)}.
         */
        public Builder plugins(Plugin... added) {
            for (Plugin plugin : added) {
                plugins.add(java.util.Objects.requireNonNull(plugin, "plugin"));
            }
            return this;
        }

        /**
         * Whether the {@link dev.rigel.plugin.AutoPlugin}s of the modules on the class path (such
         * as rigel-openapi's OpenAPI document) are added to this app; on by default. Off, the app
         * has exactly the plugins it registers.
         */
        public Builder autoPlugins(boolean enabled) {
            this.autoPlugins = enabled;
            return this;
        }

        /** Whether automatic plugins are added (see {@link #autoPlugins(boolean)}). */
        public boolean autoPlugins() {
            return autoPlugins;
        }

        /** The plugins registered so far, read-only (init plugins may already have run). */
        public List<Plugin> plugins() {
            return java.util.Collections.unmodifiableList(plugins);
        }

        /**
         * A hook that configures this builder when {@link #build()} runs, before any init plugin
         * (Litestar's {@code on_app_init}, which runs before the plugins' too). Hooks run once
         * each, in registration order; one added while the app is being initialised runs next.
         */
        public Builder onAppInit(Consumer<Builder> hook) {
            onAppInit.add(java.util.Objects.requireNonNull(hook, "onAppInit hook"));
            return this;
        }

        public Builder onStartup(LifecycleHook hook) {
            onStartup.add(java.util.Objects.requireNonNull(hook, "startup hook"));
            return this;
        }

        /** The startup hooks in the order they run, live. */
        public List<LifecycleHook> onStartup() {
            return onStartup;
        }

        public Builder onShutdown(LifecycleHook hook) {
            onShutdown.add(java.util.Objects.requireNonNull(hook, "shutdown hook"));
            return this;
        }

        /** The shutdown hooks in the order they run, live. */
        public List<LifecycleHook> onShutdown() {
            return onShutdown;
        }

        /**
         * Sees, and may change or replace, every message the app sends; see {@link Hooks.BeforeSend}.
         * Several run in registration order, each getting what the one before returned.
         */
        public Builder beforeSend(Hooks.BeforeSend hook) {
            beforeSend.add(java.util.Objects.requireNonNull(hook, "beforeSend hook"));
            return this;
        }

        /** The before-send hooks, live. */
        public List<Hooks.BeforeSend> beforeSend() {
            return beforeSend;
        }

        /** Is told about every exception raised while serving a request; see {@link Hooks.AfterException}. */
        public Builder afterException(Hooks.AfterException hook) {
            afterException.add(java.util.Objects.requireNonNull(hook, "afterException hook"));
            return this;
        }

        /** The after-exception hooks, live. */
        public List<Hooks.AfterException> afterException() {
            return afterException;
        }

        /**
         * Adds event listeners: {@link dev.rigel.events.EventListener}s, and objects or classes
         * with {@link dev.rigel.events.Listener @Listener} methods (a class is instantiated once
         * through its no-argument constructor, unless all its listener methods are static).
         */
        public Builder listeners(Object... added) {
            for (Object listener : added) {
                listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
            }
            return this;
        }

        /** The listeners given so far, live. */
        public List<Object> listeners() {
            return listeners;
        }

        /**
         * How long shutdown waits for event listeners (and background tasks of {@code nonBlocking}
         * routes) still running before it goes on; default 10 seconds. Whatever still runs then is
         * logged and left alone.
         */
        public Builder shutdownDrainTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("shutdownDrainTimeout must not be negative");
            }
            this.shutdownDrainTimeout = timeout;
            return this;
        }

        /**
         * How handlers with a {@code cache} option are cached: default expiry, key, store, which
         * responses; see {@link ResponseCacheConfig}.
         */
        public Builder responseCache(ResponseCacheConfig config) {
            this.responseCache = java.util.Objects.requireNonNull(config, "responseCache");
            return this;
        }

        public ResponseCacheConfig responseCache() {
            return responseCache;
        }

        /**
         * A resource opened at startup (before the startup hooks, which may use it) and closed at
         * shutdown in reverse order of opening, before the shutdown hooks: {@code .lifespan(app -> pool)}.
         */
        public Builder lifespan(Function<App, AutoCloseable> resource) {
            lifespans.add(java.util.Objects.requireNonNull(resource, "lifespan"));
            return this;
        }

        /** The lifespan resources in the order they are opened, live. */
        public List<Function<App, AutoCloseable>> lifespans() {
            return lifespans;
        }

        /**
         * The registry that hands out the app's named stores; by default every name gets its own
         * in-memory store. Stores that are {@link AutoCloseable} are closed at shutdown, after the
         * shutdown hooks (which may still use them).
         */
        public Builder stores(StoreRegistry registry) {
            this.stores = java.util.Objects.requireNonNull(registry, "stores");
            return this;
        }

        /** The store registry the app will use (register stores on it, or replace it). */
        public StoreRegistry stores() {
            return stores;
        }

        public Builder state(State initial) {
            this.state = java.util.Objects.requireNonNull(initial, "state");
            return this;
        }

        /** The app's initial state, live. */
        public State state() {
            return state;
        }

        public Builder state(String key, Object value) {
            state.put(key, value);
            return this;
        }

        /** Debug mode: unexpected exceptions answer with their stack trace. Never in production. */
        public Builder debug(boolean enabled) {
            this.debug = enabled;
            return this;
        }

        public boolean debug() {
            return debug;
        }

        /**
         * Adjusts the JSON mapper, e.g. {@code m -> m.setPropertyNamingStrategy(SNAKE_CASE)}.
         * Customizers add up and run in order, after the modules of
         * {@link dev.rigel.plugin.SerializationPlugin}s.
         */
        public Builder json(Consumer<ObjectMapper> customizer) {
            json.add(java.util.Objects.requireNonNull(customizer, "json customizer"));
            return this;
        }

        /** The JSON customizers in the order they run, live. */
        public List<Consumer<ObjectMapper>> json() {
            return json;
        }

        /**
         * Limits and storage for form bodies (url-encoded and multipart): part counts and sizes, the
         * size up to which an uploaded file stays in memory, the directory larger ones are spooled
         * to; see {@link dev.rigel.form.FormConfig} for the defaults.
         */
        public Builder forms(dev.rigel.form.FormConfig config) {
            this.forms = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Adds sources of handler and provider parameters (see {@link dev.rigel.di.ParameterSource}),
         * asked in order after the reserved types and before reserved names, path parameters and
         * dependencies; plugins that implement {@code ParameterSource} are asked after these.
         */
        public Builder parameterSources(dev.rigel.di.ParameterSource... sources) {
            for (dev.rigel.di.ParameterSource source : sources) {
                parameterSources.add(java.util.Objects.requireNonNull(source, "parameter source"));
            }
            return this;
        }

        /** The parameter sources so far, live (the session's first). */
        public List<dev.rigel.di.ParameterSource> parameterSources() {
            return parameterSources;
        }

        /**
         * Lets handlers return {@code type} as an asynchronous answer, as they return a {@code
         * CompletionStage}: {@code toStage} turns a returned value into the stage whose value is the
         * answer, and the route's response and document are planned from {@code type}'s first type
         * argument ({@code Future<User>} answers a {@code User}). For a library's own future, so its
         * handlers need no conversion; {@code PgClientPlugin} registers Vert.x's {@code Future}.
         * {@code CompletionStage} itself needs no registration.
         */
        public <T> Builder asyncResult(Class<T> type, Function<? super T, ? extends CompletionStage<?>> toStage) {
            java.util.Objects.requireNonNull(type, "type");
            java.util.Objects.requireNonNull(toStage, "toStage");
            asyncResults.put(type, value -> toStage.apply(type.cast(value)));
            return this;
        }

        /**
         * Lets some of the app's own middleware also run for requests that match no route (404),
         * match a path but not its method (405), or are OPTIONS requests answered by Rigel. By
         * default, as in Litestar, middleware runs only for matched routes. Each one given must
         * also be registered with {@link #middleware}; they run in that order, around the answer.
         */
        public Builder alsoForUnmatchedRoutes(Middleware... chosen) {
            for (Middleware middleware : chosen) {
                unmatchedRouteMiddleware.add(java.util.Objects.requireNonNull(middleware, "middleware"));
            }
            return this;
        }

        /** The middleware chosen to run for unmatched routes too, live. */
        public List<Middleware> alsoForUnmatchedRoutes() {
            return unmatchedRouteMiddleware;
        }

        /**
         * Replaces a dependency on every layer that defines it (tests use this to swap in
         * fakes). An override beats the dependency wherever it was declared.
         */
        public Builder dependencyOverride(String key, Provide provide) {
            overrides.put(key, provide);
            return this;
        }

        public Builder dependencyOverrides(Map<String, Provide> dependencyOverrides) {
            overrides.putAll(dependencyOverrides);
            return this;
        }

        /** The dependency overrides by key, live. */
        public Map<String, Provide> dependencyOverrides() {
            return overrides;
        }

        // ---- built-in middleware settings: one method per BuiltIn slot, each calling builtIn(…) ----

        /**
         * Answers CORS preflights and marks cross-origin responses, for every request (Litestar's
         * {@code cors_config}); see {@link dev.rigel.middleware.cors.CORSMiddleware}.
         */
        public Builder cors(dev.rigel.middleware.cors.CORSConfig config) {
            return builtIn(BuiltIn.CORS, new dev.rigel.middleware.cors.CORSMiddleware(config));
        }

        /**
         * Refuses requests for hosts not in {@code config} with a 400, before anything else runs
         * (Litestar's {@code allowed_hosts}); see {@link dev.rigel.middleware.hosts.AllowedHostsConfig}.
         */
        public Builder allowedHosts(dev.rigel.middleware.hosts.AllowedHostsConfig config) {
            return builtIn(BuiltIn.ALLOWED_HOSTS, new dev.rigel.middleware.hosts.AllowedHostsMiddleware(config));
        }

        /**
         * CSRF protection for cookie-authenticated requests (see
         * {@link dev.rigel.middleware.csrf.CSRFMiddleware}): unsafe methods must echo the signed
         * token cookie in a header or form field, or are refused with 403.
         */
        public Builder csrf(dev.rigel.middleware.csrf.CSRFConfig config) {
            return builtIn(BuiltIn.CSRF, new dev.rigel.middleware.csrf.CSRFMiddleware(config));
        }

        /**
         * Sessions kept in the client, in AES-GCM encrypted cookies (see
         * {@link dev.rigel.middleware.session.ClientSideSessionConfig}); handlers take a
         * {@link dev.rigel.middleware.session.Session} parameter.
         */
        public Builder sessions(dev.rigel.middleware.session.ClientSideSessionConfig config) {
            return builtIn(BuiltIn.SESSIONS, new dev.rigel.middleware.session.SessionMiddleware(config));
        }

        /**
         * Sessions kept in the app store named by the config, with only a random id in the cookie
         * (see {@link dev.rigel.middleware.session.ServerSideSessionConfig}); {@link #stores}
         * decides where that store lives.
         */
        public Builder sessions(dev.rigel.middleware.session.ServerSideSessionConfig config) {
            return builtIn(BuiltIn.SESSIONS, new dev.rigel.middleware.session.SessionMiddleware(config, () -> stores));
        }

        /**
         * Limits how many requests each client may make per window, answering the rest with 429
         * (see {@link dev.rigel.middleware.ratelimit.RateLimitConfig}). Counters live in the app
         * store named by the config, so {@link #stores} decides whether instances share them.
         */
        public Builder rateLimit(dev.rigel.middleware.ratelimit.RateLimitConfig config) {
            return builtIn(BuiltIn.RATE_LIMIT, config.middleware());
        }

        /**
         * Compresses responses with brotli, zstd or gzip by the request's {@code Accept-Encoding}
         * (see {@link dev.rigel.middleware.compression.CompressionConfig}).
         */
        public Builder compression(dev.rigel.middleware.compression.CompressionConfig config) {
            return builtIn(BuiltIn.COMPRESSION, new dev.rigel.middleware.compression.CompressionMiddleware(config));
        }

        /**
         * Logs one structured line per request through SLF4J, with secrets obfuscated (see
         * {@link dev.rigel.middleware.logging.LoggingConfig}).
         */
        public Builder logging(dev.rigel.middleware.logging.LoggingConfig config) {
            return builtIn(BuiltIn.LOGGING, new dev.rigel.middleware.logging.LoggingMiddleware(config));
        }

        /**
         * The built-in middleware switched on so far ({@link #cors}, {@link #sessions}, …), in the
         * order they run; for plugins that need one of them, such as flash messages needing sessions.
         */
        public List<Middleware> builtInMiddleware() {
            return List.copyOf(builtIns.values());
        }

        /** Switches on a built-in middleware; a second setting for the same slot replaces the first. */
        private Builder builtIn(BuiltIn slot, Middleware middleware) {
            builtIns.put(slot, java.util.Objects.requireNonNull(middleware, "middleware"));
            return this;
        }

        public App build() {
            initialise();
            try {
                return assemble();
            } catch (ImproperlyConfiguredException e) {
                if (automaticPlugins.isEmpty()) {
                    throw e;
                }
                // the app's author did not write these plugins' routes, so say where they came from
                throw new ImproperlyConfiguredException(
                        e.getMessage() + " (note: automatic plugins from modules on"
                                + " the class path added to this app: "
                                + automaticPlugins.stream()
                                        .map(p -> p.getClass().getSimpleName())
                                        .toList()
                                + "; if the problem is one of theirs, register your own plugin of that type to configure or"
                                + " disable it, or call App.Builder.autoPlugins(false) to drop them all)",
                        e);
            }
        }

        private App assemble() {
            List<Object> handlers = copy(routeHandlers, "route handlers");
            var appLayer = layerSettings();
            Definition definition = new Definition(
                    handlers,
                    copy(onStartup, "startup hooks"),
                    copy(onShutdown, "shutdown hooks"),
                    copy(lifespans, "lifespans"));
            return new App(
                    new AppSettings(
                            appLayer,
                            state,
                            debug,
                            copy(json, "json customizers"),
                            copyOverrides(),
                            copy(unmatchedRouteMiddleware, "unmatched-route middleware"),
                            stores,
                            List.copyOf(builtIns.values()),
                            new PluginRegistry(plugins),
                            copy(beforeSend, "beforeSend hooks"),
                            copy(afterException, "afterException hooks"),
                            copy(listeners, "listeners"),
                            responseCache,
                            shutdownDrainTimeout,
                            forms,
                            copy(parameterSources, "parameter sources"),
                            java.util.Collections.unmodifiableMap(new LinkedHashMap<>(asyncResults))),
                    definition);
        }

        /**
         * Runs the onAppInit hooks, then the init plugins, each once (they may register more of
         * both, hence the index loops; a hook registered on the way runs before the next plugin),
         * so building twice never initialises anything twice.
         */
        private void initialise() {
            runInitialisers();
            if (autoPlugins && !autoPluginsAdded) {
                // after everything else, so a plugin registered by the app or by a plugin replaces the default
                autoPluginsAdded = true;
                for (dev.rigel.plugin.AutoPlugin auto : dev.rigel.internal.app.AutoPlugins.found()) {
                    if (plugins.stream().noneMatch(auto.type()::isInstance)) {
                        Plugin plugin = java.util.Objects.requireNonNull(
                                auto.create(), auto.getClass().getName());
                        plugins.add(plugin);
                        automaticPlugins.add(plugin);
                    }
                }
                runInitialisers();
            }
        }

        private void runInitialisers() {
            while (ranAppInitHooks < onAppInit.size() || initialisedPlugins < plugins.size()) {
                while (ranAppInitHooks < onAppInit.size()) {
                    onAppInit.get(ranAppInitHooks++).accept(this);
                }
                if (initialisedPlugins < plugins.size()
                        && plugins.get(initialisedPlugins++) instanceof InitPlugin init) {
                    init.onAppInit(this);
                }
            }
        }

        /** An immutable copy of a list a plugin may have changed; a null entry fails the build. */
        private static <T> List<T> copy(List<T> values, String what) {
            if (values.contains(null)) {
                throw new ImproperlyConfiguredException("app: " + what + " hold a null entry");
            }
            return List.copyOf(values);
        }

        private Map<String, Provide> copyOverrides() {
            if (overrides.containsKey(null) || overrides.containsValue(null)) {
                throw new ImproperlyConfiguredException("app: dependency overrides hold a null key or provider");
            }
            return Map.copyOf(overrides);
        }
    }
}

package dev.rigel.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.health.HealthCheck;
import dev.rigel.health.HealthContributor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publish/subscribe for an app (Litestar's {@code ChannelsPlugin}). Register it as a plugin; it
 * provides itself as the {@code channels} dependency and starts and stops its backend with the
 * app's lifespan.
 *
 * <pre>{@code
 * ChannelsPlugin plugin = ChannelsPlugin.builder(new MemoryChannelsBackend(50))
 *         .arbitraryChannelsAllowed(true)
 *         .build();
 * App app = App.builder()
 *         .plugins(plugin)
 *         .routeHandlers(Route.post("/notify/{user}", (String user, String data, ChannelsPlugin channels) -> {
 *             channels.publish(Map.of("message", data), "user:" + user);
 *             return "sent";
 *         }))
 *         .build();
 *
 * try (Subscriber subscriber = plugin.subscribe("user:42")) {
 *     for (ChannelEvent event : subscriber.iterEvents()) { … }
 * }
 * }</pre>
 *
 * <p>Publishing is synchronous: {@link #publish} returns once the backend has taken the event (for
 * Redis and PostgreSQL: the broker acknowledged it) and throws a {@link ChannelsException} when it
 * could not. Delivery to subscribers never makes the publisher wait: every subscriber has its own
 * bounded backlog, and one that falls behind loses events by the {@link BacklogStrategy}.
 *
 * <p>Each channel is subscribed at the backend once, however many local subscribers it has, and
 * unsubscribed when the last one leaves.
 */
public final class ChannelsPlugin implements InitPlugin, HealthContributor {

    /** The dependency key the plugin provides itself under. */
    public static final String DEPENDENCY_KEY = "channels";

    /** The backlog bound of a subscriber when none is configured. */
    public static final int DEFAULT_MAX_BACKLOG = 1024;

    private final ChannelsBackend backend;
    private final Set<String> channels;
    private final boolean arbitraryChannelsAllowed;
    private final int subscriberMaxBacklog;
    private final BacklogStrategy subscriberBacklogStrategy;
    private final boolean createWsRouteHandlers;
    private final List<dev.rigel.http.Guard> wsGuards;
    private final List<dev.rigel.middleware.Middleware> wsMiddleware;
    private final String wsHandlerBasePath;
    private final int wsHandlerSendHistory;
    private final WsSendMode wsSendMode;
    private final SubscriptionRegistry registry;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private int starts;
    // one object for every app sharing the plugin, so the health plugin runs it once
    private final HealthCheck healthCheck = HealthCheck.of("channels", this::health);
    private volatile ObjectMapper mapper;

    private ChannelsPlugin(Builder builder) {
        this.backend = builder.backend;
        this.channels = Set.copyOf(builder.channels);
        this.arbitraryChannelsAllowed = builder.arbitraryChannelsAllowed;
        this.subscriberMaxBacklog = builder.subscriberMaxBacklog;
        this.subscriberBacklogStrategy = builder.subscriberBacklogStrategy;
        this.createWsRouteHandlers = builder.createWsRouteHandlers;
        this.wsGuards = List.copyOf(builder.wsGuards);
        this.wsMiddleware = List.copyOf(builder.wsMiddleware);
        this.wsHandlerBasePath = builder.wsHandlerBasePath;
        this.wsHandlerSendHistory = builder.wsHandlerSendHistory;
        this.wsSendMode = builder.wsSendMode;
        this.registry = new SubscriptionRegistry(backend);
    }

    /** Configures a plugin on {@code backend}; name its channels or allow arbitrary ones. */
    public static Builder builder(ChannelsBackend backend) {
        return new Builder(backend);
    }

    /**
     * Provides the plugin as the {@code channels} dependency, starts it with the app and, when
     * {@link Builder#createWsRouteHandlers(boolean)} is set, adds its WebSocket routes.
     */
    @Override
    public void onAppInit(App.Builder app) {
        app.dependency(DEPENDENCY_KEY, Provide.value(this)).lifespan(started -> {
            start(started.objectMapper());
            return this::stop;
        });
        if (createWsRouteHandlers) {
            Object[] routes = new ChannelsWebSocketRoutes(this, wsHandlerSendHistory, wsSendMode)
                    .routes(wsHandlerBasePath)
                    .toArray();
            if (wsGuards.isEmpty() && wsMiddleware.isEmpty()) {
                app.routeHandlers(routes);
            } else {
                // a layer of their own, so the guards and middleware reach these routes and no others
                app.routeHandlers(dev.rigel.Router.builder("/")
                        .guards(wsGuards.toArray(dev.rigel.http.Guard[]::new))
                        .middleware(wsMiddleware.toArray(dev.rigel.middleware.Middleware[]::new))
                        .routeHandlers(routes)
                        .build());
            }
        }
    }

    /**
     * Readiness ({@code HealthPlugin}): {@code channels} is up while the plugin runs and its
     * backend is available (for Redis and PostgreSQL: connected and subscribed).
     */
    @Override
    public List<HealthCheck> healthChecks(App app) {
        return List.of(healthCheck);
    }

    private HealthCheck.Result health() {
        if (!isRunning()) {
            return HealthCheck.Result.down("not started");
        }
        return backend.isAvailable() ? HealthCheck.Result.up() : HealthCheck.Result.down("backend unavailable");
    }

    // ---- lifecycle ----

    /**
     * Starts the backend; the app's lifespan calls this, with the app's JSON mapper. An app made
     * from another ({@code withDependencyOverrides}) shares the plugin, so starts are counted and
     * only the last {@link #stop} stops the backend.
     */
    public void start(ObjectMapper objectMapper) {
        lifecycle.lock();
        try {
            mapper = Objects.requireNonNull(objectMapper, "objectMapper");
            if (starts == 0) {
                backend.start(registry::dispatch);
            }
            starts++;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Ends every subscriber's stream and stops the backend (once the last start is matched). */
    public void stop() {
        lifecycle.lock();
        try {
            if (starts == 0 || --starts > 0) {
                return;
            }
            for (Backlog backlog : registry.clear()) {
                backlog.close();
            }
            backend.stop();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Whether the plugin was started (with its app) and not stopped since. */
    public boolean isRunning() {
        lifecycle.lock();
        try {
            return starts > 0;
        } finally {
            lifecycle.unlock();
        }
    }

    // ---- publishing ----

    /**
     * Publishes {@code data} to each of {@code channels}: a {@code String} as its UTF-8 bytes, a
     * {@code byte[]} as is, anything else as JSON written by the app's mapper.
     *
     * @throws ChannelsException for an unknown channel, a plugin that is not running, a value that
     *     cannot be written as JSON, or a backend that could not publish
     * @throws ChannelsUnavailableException (a {@link ChannelsException}) when the backend cannot reach
     *     its broker; answered 503 when it escapes a handler
     */
    public void publish(Object data, String... channels) {
        publish(data, Arrays.asList(channels));
    }

    /** As {@link #publish(Object, String...)}. */
    public void publish(Object data, Collection<String> channels) {
        Objects.requireNonNull(data, "data");
        List<String> checked = checkedChannels(channels);
        requireRunning();
        requireAvailable("publish to channels " + checked);
        backend.publish(encode(data), checked);
    }

    private byte[] encode(Object data) {
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof byte[] bytes) {
            // the caller may reuse its array; subscribers must see what was published
            return bytes.clone();
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new ChannelsException(
                    "Cannot publish a " + data.getClass().getName() + ": it cannot be written as JSON ("
                            + e.getOriginalMessage() + ")",
                    e);
        }
    }

    // ---- subscribing ----

    /**
     * A new subscriber to {@code channels}.
     *
     * @throws ChannelsException for an unknown channel, a plugin that is not running, or a backend
     *     that could not subscribe
     * @throws ChannelsUnavailableException (a {@link ChannelsException}) when the backend cannot reach
     *     its broker, even for a channel another local subscriber holds: it would hear nothing
     */
    public Subscriber subscribe(String... channels) {
        return subscribe(Arrays.asList(channels), 0);
    }

    /**
     * A new subscriber to {@code channels} whose stream starts with up to {@code history} past
     * events of each channel (oldest first, channel by channel, in the order given), then the live
     * events. An event published while the history is being read can appear twice: in the history
     * and live.
     *
     * @throws ChannelsException also when {@code history > 0} and the backend keeps no history
     */
    public Subscriber subscribe(Collection<String> channels, int history) {
        List<String> checked = checkedChannels(channels);
        if (history < 0) {
            throw new IllegalArgumentException("history must be 0 or more, got " + history);
        }
        if (history > 0 && !backend.hasHistory()) {
            throw new ChannelsException("Cannot send history to a new subscriber: " + backend + " keeps no history");
        }
        requireRunning();
        requireAvailable("subscribe to channels " + checked);
        Backlog backlog = new Backlog(subscriberMaxBacklog, subscriberBacklogStrategy);
        Subscriber subscriber = new Subscriber(this, registry, backlog);
        if (history == 0) {
            registry.subscribe(backlog, checked);
            return subscriber;
        }
        // live events wait until the history is queued, so the stream starts with the past
        backlog.hold();
        registry.subscribe(backlog, checked);
        List<ChannelEvent> past = new ArrayList<>();
        try {
            for (String channel : checked) {
                for (byte[] data : backend.getHistory(channel, history)) {
                    past.add(new ChannelEvent(channel, data));
                }
            }
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
        backlog.release(past);
        return subscriber;
    }

    /**
     * Stops {@code subscriber} receiving {@code channels}; leaving its last channel closes it.
     * Same as {@link Subscriber#unsubscribe(String...)}.
     */
    public void unsubscribe(Subscriber subscriber, String... channels) {
        subscriber.unsubscribe(channels);
    }

    /**
     * Up to {@code limit} past events of {@code channel}, oldest first.
     *
     * @throws ChannelsException for an unknown channel, or when the backend keeps no history
     */
    public List<byte[]> getHistory(String channel, int limit) {
        checkedChannels(List.of(channel));
        if (!backend.hasHistory()) {
            throw new ChannelsException(
                    "Cannot read the history of channel '" + channel + "': " + backend + " keeps no history");
        }
        requireRunning();
        return backend.getHistory(channel, limit);
    }

    // ---- configuration ----

    /** The backend events travel through. */
    public ChannelsBackend backend() {
        return backend;
    }

    /** The channels named at build time (more are served when arbitrary channels are allowed). */
    public Set<String> channels() {
        return channels;
    }

    public boolean arbitraryChannelsAllowed() {
        return arbitraryChannelsAllowed;
    }

    public int subscriberMaxBacklog() {
        return subscriberMaxBacklog;
    }

    public BacklogStrategy subscriberBacklogStrategy() {
        return subscriberBacklogStrategy;
    }

    public boolean createWsRouteHandlers() {
        return createWsRouteHandlers;
    }

    public String wsHandlerBasePath() {
        return wsHandlerBasePath;
    }

    public int wsHandlerSendHistory() {
        return wsHandlerSendHistory;
    }

    public WsSendMode wsSendMode() {
        return wsSendMode;
    }

    /** Whether the plugin serves {@code channel}. */
    public boolean servesChannel(String channel) {
        return arbitraryChannelsAllowed || channels.contains(channel);
    }

    /** The distinct channels, refused unless each is served; at least one must be given. */
    List<String> checkedChannels(Collection<String> requested) {
        Objects.requireNonNull(requested, "channels");
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("Name at least one channel");
        }
        Set<String> distinct = new LinkedHashSet<>(requested.size());
        for (String channel : requested) {
            if (channel == null || channel.isEmpty()) {
                throw new IllegalArgumentException("A channel name must not be null or empty");
            }
            if (!servesChannel(channel)) {
                throw new ChannelsException("Unknown channel '" + channel + "': this ChannelsPlugin serves "
                        + channels.stream().sorted().toList() + " and does not allow arbitrary channels");
            }
            distinct.add(channel);
        }
        return List.copyOf(distinct);
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new ChannelsException("The ChannelsPlugin is not running: register it with App.Builder.plugins(…) "
                    + "and start the app (servers and test clients do), or call start(objectMapper)");
        }
    }

    /** Fails at once while the backend knows its broker is gone, before any local state changes. */
    private void requireAvailable(String action) {
        if (!backend.isAvailable()) {
            throw new ChannelsUnavailableException("Cannot " + action + ": " + backend + " has lost its broker");
        }
    }

    @Override
    public String toString() {
        return "ChannelsPlugin(" + backend
                + (arbitraryChannelsAllowed ? ", arbitrary channels" : ", channels " + channels) + ")";
    }

    /** Configures a {@link ChannelsPlugin}. */
    public static final class Builder {
        private final ChannelsBackend backend;
        private final Set<String> channels = new LinkedHashSet<>();
        private boolean arbitraryChannelsAllowed;
        private int subscriberMaxBacklog = DEFAULT_MAX_BACKLOG;
        private BacklogStrategy subscriberBacklogStrategy = BacklogStrategy.BACKOFF;
        private boolean createWsRouteHandlers;
        private String wsHandlerBasePath = "/";
        private int wsHandlerSendHistory;
        private WsSendMode wsSendMode = WsSendMode.TEXT;
        private final List<dev.rigel.http.Guard> wsGuards = new ArrayList<>();
        private final List<dev.rigel.middleware.Middleware> wsMiddleware = new ArrayList<>();

        private Builder(ChannelsBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** Channels the plugin serves; any other is refused unless arbitrary channels are allowed. */
        public Builder channels(String... names) {
            return channels(Arrays.asList(names));
        }

        /** As {@link #channels(String...)}. */
        public Builder channels(Collection<String> names) {
            channels.addAll(names);
            return this;
        }

        /** Serve any channel name, created on first use. */
        public Builder arbitraryChannelsAllowed(boolean allowed) {
            arbitraryChannelsAllowed = allowed;
            return this;
        }

        /** How many events a subscriber's backlog holds (default {@value ChannelsPlugin#DEFAULT_MAX_BACKLOG}). */
        public Builder subscriberMaxBacklog(int maxBacklog) {
            subscriberMaxBacklog = maxBacklog;
            return this;
        }

        /** What a full backlog drops (default {@link BacklogStrategy#BACKOFF}: the new event). */
        public Builder subscriberBacklogStrategy(BacklogStrategy strategy) {
            subscriberBacklogStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Add WebSocket routes that stream a channel's events to each connected client: with
         * arbitrary channels one route {@code {base}/{channel_name}}, otherwise one route
         * {@code {base}/{name}} per configured channel (any other name is a 404). Each connection
         * subscribes before the handshake is accepted (while the backend has lost its broker the
         * handshake is refused with 503 and {@code Retry-After}), ignores what the client sends,
         * and unsubscribes when the client leaves.
         */
        public Builder createWsRouteHandlers(boolean create) {
            createWsRouteHandlers = create;
            return this;
        }

        /** The path the WebSocket routes hang under (default {@code "/"}). */
        public Builder wsHandlerBasePath(String basePath) {
            wsHandlerBasePath = Objects.requireNonNull(basePath, "basePath");
            return this;
        }

        /** How many past events of its channel a new WebSocket client gets first (default 0). */
        public Builder wsHandlerSendHistory(int history) {
            wsHandlerSendHistory = history;
            return this;
        }

        /**
         * Guards for the WebSocket routes (they take dependencies, the caller and the route's
         * {@code channel_name} like any guard), run before the handshake is answered: e.g. only
         * the user whose channel it is may follow it.
         */
        public Builder wsGuards(dev.rigel.http.Guard... guards) {
            wsGuards.addAll(List.of(guards));
            return this;
        }

        /** Middleware for the WebSocket routes only, such as authentication. */
        public Builder wsMiddleware(dev.rigel.middleware.Middleware... middleware) {
            wsMiddleware.addAll(List.of(middleware));
            return this;
        }

        /** Whether the WebSocket routes send events as text (default) or binary messages. */
        public Builder wsSendMode(WsSendMode mode) {
            wsSendMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @throws ImproperlyConfiguredException when neither channels nor arbitrary channels are
         *     configured, a channel name is empty, the backlog bound is below 1, the WebSocket base
         *     path does not start with {@code /}, or history is asked of WebSocket routes (negative,
         *     or positive on a backend that keeps none)
         */
        public ChannelsPlugin build() {
            if (channels.isEmpty() && !arbitraryChannelsAllowed) {
                throw new ImproperlyConfiguredException(
                        "ChannelsPlugin needs channels(…) or arbitraryChannelsAllowed(true): "
                                + "with neither it could serve no channel");
            }
            for (String channel : channels) {
                if (channel == null || channel.isEmpty()) {
                    throw new ImproperlyConfiguredException(
                            "ChannelsPlugin channel names must not be null or empty, got " + channels);
                }
            }
            if (subscriberMaxBacklog < 1) {
                throw new ImproperlyConfiguredException(
                        "ChannelsPlugin subscriberMaxBacklog must be at least 1, got " + subscriberMaxBacklog);
            }
            if (!wsHandlerBasePath.startsWith("/")) {
                throw new ImproperlyConfiguredException(
                        "ChannelsPlugin wsHandlerBasePath must start with '/', got '" + wsHandlerBasePath + "'");
            }
            if (wsHandlerSendHistory < 0) {
                throw new ImproperlyConfiguredException(
                        "ChannelsPlugin wsHandlerSendHistory must be 0 or more, got " + wsHandlerSendHistory);
            }
            if (wsHandlerSendHistory > 0 && !backend.hasHistory()) {
                throw new ImproperlyConfiguredException("ChannelsPlugin wsHandlerSendHistory(" + wsHandlerSendHistory
                        + ") needs a backend that keeps history, and " + backend + " keeps none");
            }
            return new ChannelsPlugin(this);
        }
    }
}

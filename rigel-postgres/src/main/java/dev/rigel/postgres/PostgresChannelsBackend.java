package dev.rigel.postgres;

import dev.rigel.channels.ChannelEventListener;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsUnavailableException;
import dev.rigel.postgres.internal.ChannelIdentifiers;
import dev.rigel.postgres.internal.NotificationListener;
import dev.rigel.postgres.internal.NotifyPayloads;
import dev.rigel.postgres.internal.NotifyPublisher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channels backend on PostgreSQL {@code LISTEN}/{@code NOTIFY}: app instances that share a
 * database share events, with no broker besides the database they already have. No history: a
 * notification reaches the sessions listening at that moment and is gone.
 *
 * <ul>
 *   <li>Two connections: one owned by a listener thread that waits for notifications and runs
 *       {@code LISTEN}/{@code UNLISTEN}, one that publishes with {@code pg_notify}. Both carry the
 *       {@code ApplicationName} (default {@value #DEFAULT_APPLICATION_NAME}) so they can be found in
 *       {@code pg_stat_activity}.</li>
 *   <li>A Rigel channel is sent on the PostgreSQL channel {@link #identifierFor}: {@code rigel_} and
 *       40 hex digits of SHA-256 over the prefix and the name, so any name works (PostgreSQL would
 *       truncate long identifiers to 63 bytes and fold unquoted ones to lower case).</li>
 *   <li>A payload is {@code t} + the text for UTF-8 events without NUL (in a UTF-8 database), else
 *       {@code b} + base64. PostgreSQL refuses payloads of 8000 bytes or more, so text events may
 *       have up to 7998 bytes and binary ones about 5997; a larger one is a
 *       {@link ChannelsException} before anything is sent. From SQL:
 *       {@code SELECT pg_notify('rigel_…', 't' || 'hello')}.</li>
 *   <li>When a connection is lost (the server restarted, {@code pg_terminate_backend}), the listener
 *       reconnects (100 ms, backing off to 2 s) and listens to every channel again; events published
 *       meanwhile are not received. A publish whose session the server had ended is sent once more on
 *       a new connection. While the listener is reconnecting {@link #isAvailable()} is false, so the
 *       plugin refuses publishes and subscriptions at once; a publish or subscribe that fails on an
 *       unreachable database fails within the command timeout. Both are a
 *       {@link ChannelsUnavailableException} (503 with {@code Retry-After}, not logged per request);
 *       the listener logs the outage once and its end once.</li>
 * </ul>
 */
public final class PostgresChannelsBackend implements ChannelsBackend {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChannelsBackend.class);

    /** The {@code ApplicationName} of the backend's connections when none is configured. */
    public static final String DEFAULT_APPLICATION_NAME = "rigel-channels";

    /** The prefix hashed into every channel identifier when none is configured. */
    public static final String DEFAULT_PREFIX = "rigel:channels:";

    private final String url;
    private final Properties properties;
    private final String prefix;
    private final Duration commandTimeout;
    private final Map<String, String> channelsByIdentifier = new ConcurrentHashMap<>();
    private volatile Running running;

    private record Running(NotifyPublisher publisher, NotificationListener listener, boolean textPayloads) {}

    private PostgresChannelsBackend(Builder builder) {
        this.url = builder.url;
        this.prefix = builder.prefix;
        this.commandTimeout = builder.commandTimeout;
        this.properties = new Properties();
        properties.putAll(builder.properties);
        long seconds = Math.max(1, (commandTimeout.toMillis() + 999) / 1000);
        properties.putIfAbsent("ApplicationName", builder.applicationName);
        properties.putIfAbsent("connectTimeout", Long.toString(seconds));
        properties.putIfAbsent("loginTimeout", Long.toString(seconds));
        properties.putIfAbsent("socketTimeout", Long.toString(seconds + 1));
        properties.putIfAbsent("tcpKeepAlive", "true");
    }

    /**
     * A backend on the database at {@code jdbcUrl}, e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/app?user=app}.
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /** The PostgreSQL channel events of {@code channel} are sent on, for a backend with {@code prefix}. */
    public static String identifierFor(String prefix, String channel) {
        return ChannelIdentifiers.identifierFor(prefix, channel);
    }

    /** The PostgreSQL channel this backend sends events of {@code channel} on. */
    public String identifierFor(String channel) {
        return ChannelIdentifiers.identifierFor(prefix, channel);
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(true);
        return connection;
    }

    @Override
    public void start(ChannelEventListener listener) {
        NotifyPublisher publisher = new NotifyPublisher(this::open);
        String control = "rigel_wake_" + UUID.randomUUID().toString().replace("-", "");
        NotificationListener listening = new NotificationListener(
                this::open,
                control,
                (identifier, payload) -> deliver(listener, identifier, payload),
                () -> wake(publisher, control),
                commandTimeout);
        try {
            publisher.connect();
            boolean text = databaseIsUtf8();
            listening.start();
            running = new Running(publisher, listening, text);
        } catch (SQLException e) {
            publisher.close();
            throw new ChannelsException("Connecting the channels backend to PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private boolean databaseIsUtf8() throws SQLException {
        try (Connection connection = open();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_encoding")) {
            return result.next() && result.getString(1).equalsIgnoreCase("UTF8");
        }
    }

    private void deliver(ChannelEventListener listener, String identifier, String payload) {
        String channel = channelsByIdentifier.get(identifier);
        if (channel == null) {
            return;
        }
        byte[] data;
        try {
            data = NotifyPayloads.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a notification on channel {} that Rigel did not encode: {}", channel, e.getMessage());
            return;
        }
        listener.onEvent(channel, data);
    }

    private static void wake(NotifyPublisher publisher, String control) {
        try {
            publisher.notify(List.of(control), "");
        } catch (SQLException e) {
            // the listener then picks the command up at the end of its poll
            LOG.debug("Could not wake the channels listener", e);
        }
    }

    @Override
    public void stop() {
        Running current = running;
        running = null;
        if (current != null) {
            current.listener().stop();
            current.publisher().close();
        }
        channelsByIdentifier.clear();
    }

    @Override
    public void publish(byte[] data, Collection<String> channels) {
        Running current = running();
        String payload = NotifyPayloads.encode(data, current.textPayloads());
        List<String> identifiers = channels.stream().map(this::identifierFor).toList();
        try {
            current.publisher().notify(identifiers, payload);
        } catch (SQLException e) {
            // the payload's size was checked before; what fails here is reaching the database
            throw new ChannelsUnavailableException(
                    "Publishing to channels " + channels + " failed on PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(Collection<String> channels) {
        Running current = running();
        List<String> identifiers = channels.stream().map(this::identifierFor).toList();
        for (String channel : channels) {
            channelsByIdentifier.put(identifierFor(channel), channel);
        }
        try {
            current.listener().listen(identifiers);
        } catch (ChannelsException e) {
            identifiers.forEach(channelsByIdentifier::remove);
            String message = "Subscribing to channels " + channels + " failed: " + e.getMessage();
            throw e instanceof ChannelsUnavailableException
                    ? new ChannelsUnavailableException(message, e)
                    : new ChannelsException(message, e);
        }
    }

    /** Whether the LISTEN connection is up; while it is reconnecting, publishing and subscribing are refused. */
    @Override
    public boolean isAvailable() {
        Running current = running;
        return current != null && current.listener().connected();
    }

    @Override
    public void unsubscribe(Collection<String> channels) {
        Running current = running();
        List<String> identifiers = channels.stream().map(this::identifierFor).toList();
        try {
            current.listener().unlisten(identifiers);
        } finally {
            identifiers.forEach(channelsByIdentifier::remove);
        }
    }

    private Running running() {
        Running current = running;
        if (current == null) {
            throw new ChannelsException(this + " is not started");
        }
        return current;
    }

    @Override
    public String toString() {
        return "PostgresChannelsBackend(" + properties.getProperty("ApplicationName") + ")";
    }

    /** Configures a {@link PostgresChannelsBackend}. */
    public static final class Builder {
        private final String url;
        private final Properties properties = new Properties();
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private String prefix = DEFAULT_PREFIX;
        private Duration commandTimeout = Duration.ofSeconds(5);

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "jdbcUrl");
        }

        public Builder user(String user) {
            return property("user", user);
        }

        public Builder password(String password) {
            return property("password", password);
        }

        /** Any PostgreSQL JDBC driver connection property, e.g. {@code sslmode}. */
        public Builder property(String name, String value) {
            properties.setProperty(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The {@code ApplicationName} of the backend's connections (default {@value PostgresChannelsBackend#DEFAULT_APPLICATION_NAME}). */
        public Builder applicationName(String name) {
            this.applicationName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Hashed into every channel identifier (default {@value PostgresChannelsBackend#DEFAULT_PREFIX}),
         * so apps sharing a database can keep their channels apart.
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * How long connecting, publishing or subscribing may take before it fails (default 5 s);
         * also the driver's connect, login and (plus a second) socket timeouts.
         */
        public Builder commandTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, got " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        public PostgresChannelsBackend build() {
            return new PostgresChannelsBackend(this);
        }
    }
}

package dev.rigel.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The connection and pool settings shared by {@link JdbcConfig} and the JPA plugin's config.
 *
 * <p>Which database: {@link #url} if given, else {@link #h2File} if given, else the
 * {@code DATABASE_URL} environment variable if set (a JDBC URL or
 * {@code postgresql://user:password@host:port/db}), else an embedded H2 database in memory.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class DatabaseConfigBuilder<B extends DatabaseConfigBuilder<B>> {

    /** The environment variable read when no URL is configured. */
    public static final String DATABASE_URL = "DATABASE_URL";

    private final String defaultPoolName;
    private String url;
    private Path h2File;
    private String user;
    private String password;
    private Map<String, String> environment;
    private int maxPoolSize = 10;
    private Integer minIdle;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private String poolName;
    private Consumer<HikariConfig> hikari;
    private boolean fairWaiting = true;

    protected DatabaseConfigBuilder(String defaultPoolName) {
        this.defaultPoolName = defaultPoolName;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** A JDBC URL, or {@code postgresql://user[:password]@host[:port]/db}; see {@link DatabaseUrl#parse}. */
    public B url(String url) {
        DatabaseUrl.parse(url);
        this.url = url;
        return self();
    }

    /** An H2 database in a file (created if missing): {@code h2File(Path.of("data/app"))} uses {@code data/app.mv.db}. */
    public B h2File(Path file) {
        this.h2File = Objects.requireNonNull(file, "file");
        return self();
    }

    /** The user; overrides one in the URL. */
    public B user(String user) {
        this.user = user;
        return self();
    }

    /** The password; overrides one in the URL. */
    public B password(String password) {
        this.password = password;
        return self();
    }

    /** Where {@code DATABASE_URL} is looked up when no URL is configured; the process environment by default. */
    public B environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return self();
    }

    /** The most connections the pool holds (10 by default). */
    public B maxPoolSize(int size) {
        this.maxPoolSize = size;
        return self();
    }

    /** Idle connections kept ready (by default as many as {@link #maxPoolSize}). */
    public B minIdle(int connections) {
        this.minIdle = connections;
        return self();
    }

    /**
     * How long a request waits for a free connection (5 s by default, at least 250 ms); when none
     * frees up in time the request is answered with 503 Service Unavailable.
     */
    public B connectionTimeout(Duration timeout) {
        this.connectionTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    public B poolName(String name) {
        this.poolName = name;
        return self();
    }

    /**
     * Whether requests waiting for a connection get one in the order they asked (true by default).
     * HikariCP alone lets a request that arrives as a connection comes back take it ahead of those
     * waiting, which keeps connections busier but lets some requests wait many times the mean; in
     * line, the slowest requests wait far less, and a request that finds a connection free still
     * takes it at once. Turn it off to measure the difference for a pool whose requests hold their
     * connection long.
     */
    public B fairWaiting(boolean fair) {
        this.fairWaiting = fair;
        return self();
    }

    /** Sets any other HikariCP option (leak detection, max lifetime, driver properties…); runs last. */
    public B hikari(Consumer<HikariConfig> customizer) {
        this.hikari = customizer;
        return self();
    }

    /** The connection settings as configured so far, {@code DATABASE_URL} resolved now. */
    protected DataSourceConfig dataSourceConfig() {
        DatabaseUrl resolved;
        if (url != null) {
            resolved = DatabaseUrl.parse(url);
        } else if (h2File != null) {
            resolved = new DatabaseUrl("jdbc:h2:file:" + h2File.toAbsolutePath(), null, null);
        } else {
            String fromEnvironment = (environment != null ? environment : System.getenv()).get(DATABASE_URL);
            resolved = fromEnvironment == null || fromEnvironment.isBlank() ? null : parseEnvironment(fromEnvironment);
        }
        if (resolved != null && (user != null || password != null)) {
            resolved = resolved.withCredentials(user, password);
        }
        return new DataSourceConfig(
                resolved,
                maxPoolSize,
                minIdle,
                connectionTimeout,
                poolName != null ? poolName : defaultPoolName,
                hikari,
                fairWaiting);
    }

    private static DatabaseUrl parseEnvironment(String value) {
        try {
            return DatabaseUrl.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DATABASE_URL + ": " + e.getMessage(), e);
        }
    }
}

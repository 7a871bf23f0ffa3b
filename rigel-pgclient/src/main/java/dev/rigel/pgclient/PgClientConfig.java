package dev.rigel.pgclient;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link PgClientPlugin}.
 *
 * <pre>{@code
 * PgClientConfig.builder()
 *         .url("postgresql://app:secret@db:5432/shop?currentSchema=sales")   // or DATABASE_URL
 *         .maxSize(4)
 *         .build();
 * }</pre>
 *
 * @param url {@code postgresql://user[:password]@host[:port]/db[?param=value…]}; {@code jdbc:} in
 *            front is accepted, and JDBC's {@code currentSchema} becomes the session's {@code search_path}
 * @param maxSize the most connections of the shared client, and apart from them of the pool; each
 *                shared connection carries up to {@code pipeliningLimit} statements in flight, so a
 *                few are enough
 * @param pipeliningLimit how many statements one shared connection sends before it has the first answer
 * @param maxWaitQueueSize how many requests may wait for a connection; one more is refused at once
 *                         with 503 instead of queueing without bound
 * @param connectionTimeout how long a request waits for a connection before it is answered 503
 * @param statementTimeout PostgreSQL's {@code statement_timeout} for the pool's sessions: the
 *                         server cancels a longer statement (answered 503), so a stuck query never
 *                         holds a request forever; {@link Duration#ZERO} turns it off
 * @param eventLoops the client's own I/O threads
 * @param clientKey the dependency and app-state key of the shared {@code io.vertx.sqlclient.SqlClient}
 * @param poolKey the dependency and app-state key of the {@code io.vertx.sqlclient.Pool}
 * @param translateErrors whether database errors become 409/503 answers (see {@link PgClientPlugin})
 */
public record PgClientConfig(
        String url,
        int maxSize,
        int pipeliningLimit,
        int maxWaitQueueSize,
        Duration connectionTimeout,
        Duration statementTimeout,
        int eventLoops,
        String clientKey,
        String poolKey,
        boolean translateErrors) {

    /** The environment variable read when no URL is configured. */
    public static final String DATABASE_URL = "DATABASE_URL";

    public PgClientConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("PgClientConfig: no database URL; set url(…) or " + DATABASE_URL);
        }
        positive(maxSize, "maxSize");
        positive(pipeliningLimit, "pipeliningLimit");
        positive(maxWaitQueueSize, "maxWaitQueueSize");
        positive(eventLoops, "eventLoops");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("connectionTimeout must be positive, was " + connectionTimeout);
        }
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("statementTimeout must not be negative, was " + statementTimeout);
        }
        if (clientKey == null || clientKey.isBlank() || poolKey == null || poolKey.isBlank()) {
            throw new IllegalArgumentException("clientKey and poolKey must not be empty");
        }
        if (clientKey.equals(poolKey)) {
            throw new IllegalArgumentException(
                    "The client and the pool need different keys, both are '" + poolKey + "'");
        }
    }

    private static void positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PgClientConfig}; every setting but the URL has a default. */
    public static final class Builder {

        private String url;
        private Map<String, String> environment;
        private int maxSize = 4;
        private int pipeliningLimit = 256;
        private int maxWaitQueueSize = 1024;
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private Duration statementTimeout = Duration.ofSeconds(30);
        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private String clientKey = "pgClient";
        private String poolKey = "pgPool";
        private boolean translateErrors = true;

        private Builder() {}

        /** The database; without it, the {@code DATABASE_URL} environment variable. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Where {@code DATABASE_URL} is looked up when no URL is configured; the process environment by default. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * The most connections of the shared client (4 by default, the Vert.x client's own
         * default). On a server each event loop also has a client of its own for the requests it
         * serves, with its share of these: {@code maxSize / eventLoops}, at least one.
         */
        public Builder maxSize(int connections) {
            this.maxSize = connections;
            return this;
        }

        /** Queries in flight per connection (256 by default). */
        public Builder pipeliningLimit(int queries) {
            this.pipeliningLimit = queries;
            return this;
        }

        /** Requests that may wait for a connection before more are refused with 503 (1024 by default). */
        public Builder maxWaitQueueSize(int requests) {
            this.maxWaitQueueSize = requests;
            return this;
        }

        /** How long a request waits for a connection (5 s by default) before a 503. */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = timeout;
            return this;
        }

        /** The server-side bound on one statement (30 s by default; {@link Duration#ZERO}: none). */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        /** The client's I/O threads (one per core by default). */
        public Builder eventLoops(int threads) {
            this.eventLoops = threads;
            return this;
        }

        /** The key of the shared client, as a dependency and in app state ({@code pgClient}). */
        public Builder clientKey(String key) {
            this.clientKey = key;
            return this;
        }

        /** The key of the pool, as a dependency and in app state ({@code pgPool}). */
        public Builder poolKey(String key) {
            this.poolKey = key;
            return this;
        }

        /** Whether database errors become 409/503 answers (true by default). */
        public Builder translateErrors(boolean translate) {
            this.translateErrors = translate;
            return this;
        }

        public PgClientConfig build() {
            String resolved =
                    url != null ? url : (environment != null ? environment : System.getenv()).get(DATABASE_URL);
            return new PgClientConfig(
                    resolved,
                    maxSize,
                    pipeliningLimit,
                    maxWaitQueueSize,
                    connectionTimeout,
                    statementTimeout,
                    eventLoops,
                    clientKey,
                    poolKey,
                    translateErrors);
        }
    }
}

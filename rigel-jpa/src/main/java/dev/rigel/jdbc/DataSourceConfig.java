package dev.rigel.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Which database to reach and how to pool connections to it (HikariCP), as the JPA and JDBC plugin
 * configurations' builders ({@link DatabaseConfigBuilder}) leave it.
 *
 * @param url the database; null means an embedded H2 database in memory, new at each startup and
 *            dropped at shutdown
 * @param maxPoolSize the most connections the pool holds
 * @param minIdle idle connections the pool keeps ready; null leaves HikariCP's default (the pool size)
 * @param connectionTimeout how long a request waits for a free connection before it is answered with 503
 * @param poolName the pool's name in logs and metrics
 * @param hikari adjusts the remaining HikariCP settings; runs last, may be null
 * @param fairWaiting whether requests waiting for a connection are served first come, first served
 *                    (a shorter tail under contention, at the cost of a hand-off per contended
 *                    borrow) rather than as HikariCP hands them out
 */
public record DataSourceConfig(
        DatabaseUrl url,
        int maxPoolSize,
        Integer minIdle,
        Duration connectionTimeout,
        String poolName,
        Consumer<HikariConfig> hikari,
        boolean fairWaiting) {

    public DataSourceConfig {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
        if (minIdle != null && (minIdle < 0 || minIdle > maxPoolSize)) {
            throw new IllegalArgumentException(
                    "minIdle must be between 0 and maxPoolSize (" + maxPoolSize + "), got " + minIdle);
        }
        // HikariCP refuses less than 250 ms
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, got " + connectionTimeout);
        }
    }

    /** Whether this is the embedded default: an H2 database in memory. */
    public boolean embedded() {
        return url == null;
    }
}

package dev.rigel.jdbc.internal;

import dev.rigel.health.HealthCheck;
import java.sql.Connection;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The JDBC and JPA plugins' readiness check, {@code db}: borrow a connection from the pool and ask
 * the driver whether it is valid (PostgreSQL's driver sends an empty query; a connection the pool
 * hands out may be stale). A pool that lends none within the health timeout, because the database
 * is unreachable or every connection is busy, counts as down: requests would wait as long.
 */
public final class PoolHealth {

    /** The driver's own bound on the validity round trip; the health plugin's timeout is usually shorter. */
    private static final int VALID_SECONDS = 5;

    private PoolHealth() {}

    public static HealthCheck check(Supplier<DataSource> pool) {
        return HealthCheck.of("db", () -> {
            try (Connection connection = pool.get().getConnection()) {
                return connection.isValid(VALID_SECONDS)
                        ? HealthCheck.Result.up()
                        : HealthCheck.Result.down("connection not valid");
            }
        });
    }
}

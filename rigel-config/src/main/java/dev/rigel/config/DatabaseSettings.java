package dev.rigel.config;

import dev.rigel.security.SecretString;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * A SQL database under {@code database.*} (conventionally), for {@code JdbcPlugin} or
 * {@code JpaPlugin}: the app passes these to the plugin's config.
 *
 * @param url a JDBC URL ({@code jdbc:postgresql://…}) or {@code postgresql://user@host/db}
 * @param poolSize connections in the pool, 0 for the plugin's default
 */
public record DatabaseSettings(
        @Description("JDBC or postgresql:// URL of the database")
        String url,

        @Description("database user") String username,
        @Description("database password") SecretString password,

        @Description("connections in the pool, 0 for the default") @Default("0") @Min(0)
        int poolSize,

        @Description("how long a request waits for a free connection before a 503") @Default("5s")
        Duration connectionTimeout) {}

/**
 * Typed settings: an app declares its settings as records and {@link dev.rigel.config.Config}
 * binds them from, highest precedence first, command-line flags, environment variables,
 * {@code application-{profile}.yaml}, {@code application.yaml} (each also as {@code .yml} or
 * {@code .properties}, in the working directory, then on the class path) and the
 * {@link dev.rigel.config.Default @Default} values. Binding fails with a
 * {@link dev.rigel.config.ConfigException} whose one-line message names the setting, where its value
 * came from and what is wrong; secrets are never printed.
 *
 * <p>Entry points: {@link dev.rigel.config.Config}, the annotations {@link dev.rigel.config.Default}
 * and {@link dev.rigel.config.Description}, and the framework's own settings records
 * ({@link dev.rigel.config.ServerSettings}, {@link dev.rigel.config.DatabaseSettings},
 * {@link dev.rigel.config.RedisSettings}, {@link dev.rigel.config.CorsSettings},
 * {@link dev.rigel.config.RateLimitSettings}, {@link dev.rigel.config.CsrfSettings},
 * {@link dev.rigel.config.JwtSettings}).
 */
package dev.rigel.config;

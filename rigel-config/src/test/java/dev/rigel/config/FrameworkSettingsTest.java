package dev.rigel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.middleware.ratelimit.RateLimitConfig;
import jakarta.validation.Valid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework's own settings, all from one application.yaml, and the configs they turn into. */
class FrameworkSettingsTest {

    public record Everything(
            @Valid ServerSettings server,
            @Valid DatabaseSettings database,
            @Valid RedisSettings redis,
            @Valid CorsSettings cors,
            @Valid RateLimitSettings rateLimit,
            @Valid CsrfSettings csrf,
            @Valid JwtSettings jwt) {}

    @TempDir
    Path dir;

    private Everything load(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("application.yaml"), yaml);
        return Config.builder()
                .settings(Everything.class)
                .environment(env)
                .directory(dir)
                .build()
                .get(Everything.class);
    }

    @Test
    void defaultsTurnFeaturesOff() throws Exception {
        Everything all = load("", Map.of());
        assertThat(all.cors().toConfig()).isEmpty();
        assertThat(all.rateLimit().toConfig()).isEmpty();
        assertThat(all.csrf().toConfig()).isEmpty();
        assertThat(all.redis().enabled()).isFalse();
        assertThat(all.jwt().algorithm()).isEqualTo("HS256");
        assertThat(all.jwt().ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(all.database().connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void oneFileConfiguresTheWholeFramework() throws Exception {
        Everything all = load(
                """
                server:
                  port: 9000
                  shutdown-grace-period: 5s
                database:
                  url: postgresql://postgres@127.0.0.1:5432/test
                  pool-size: 8
                redis:
                  url: redis://127.0.0.1:6379
                cors:
                  allow-origins: [https://app.example.com]
                  allow-credentials: true
                rate-limit:
                  limit: 100
                  unit: second
                csrf:
                  cookie-secure: true
                jwt:
                  issuer: https://auth.example.com
                  audience: [api]
                """,
                Map.of("CSRF_SECRET", "from-the-environment", "JWT_SECRET", "x".repeat(32), "DATABASE_PASSWORD", "pw"));
        assertThat(all.server().port()).isEqualTo(9000);
        assertThat(all.server().shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(all.database().poolSize()).isEqualTo(8);
        assertThat(all.database().password().reveal()).isEqualTo("pw");
        assertThat(all.redis().enabled()).isTrue();
        assertThat(all.cors().toConfig()).hasValueSatisfying(cors -> {
            assertThat(cors.allowOrigins()).containsExactly("https://app.example.com");
            assertThat(cors.allowCredentials()).isTrue();
        });
        RateLimitConfig limit = all.rateLimit().toConfig().orElseThrow();
        assertThat(limit.unit()).isEqualTo(RateLimitConfig.Unit.SECOND);
        assertThat(limit.limit()).isEqualTo(100);
        assertThat(all.csrf().toConfig()).hasValueSatisfying(csrf -> {
            assertThat(csrf.secret()).isEqualTo("from-the-environment");
            assertThat(csrf.cookieSecure()).isTrue();
        });
        assertThat(all.jwt().secret().reveal()).hasSize(32);
        assertThat(all.jwt().audience()).containsExactly("api");
    }

    @Test
    void badFrameworkValuesNameTheirKeys() {
        assertThatThrownBy(() -> load("redis:\n  url: localhost:6379\n", Map.of()))
                .hasMessage("Invalid setting redis.url = 'localhost:6379' (from "
                        + dir.resolve("application.yaml").toAbsolutePath()
                        + "): must start with redis:// or rediss://");
        assertThatThrownBy(() -> load("rate-limit:\n  unit: fortnight\n", Map.of()))
                .hasMessageStartingWith("Invalid setting rate-limit.unit = 'fortnight'");
        assertThatThrownBy(() -> load("cors:\n  max-age: -1\n", Map.of()))
                .hasMessageContaining("cors.max-age")
                .hasMessageContaining("must be greater than or equal to 0");
    }
}

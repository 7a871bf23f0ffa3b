package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        assertThat(SeedSettings.parse(new String[0], Map.of()))
                .isEqualTo(new SeedSettings("127.0.0.1", 8000, "dev-token"));
    }

    @Test
    void environmentThenFlags() {
        Map<String, String> env = Map.of("PORT", "9000", "API_TOKEN", "from-env");
        assertThat(SeedSettings.parse(new String[0], env)).isEqualTo(new SeedSettings("127.0.0.1", 9000, "from-env"));
        assertThat(SeedSettings.parse(new String[] {"--port", "9100", "--host=0.0.0.0"}, env))
                .isEqualTo(new SeedSettings("0.0.0.0", 9100, "from-env"));
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        assertThatThrownBy(() -> SeedSettings.parse(new String[] {"--port", "eighty"}, Map.of()))
                .hasMessage("Port must be a number, got 'eighty'");
        assertThatThrownBy(() -> SeedSettings.parse(new String[] {"--colour", "blue"}, Map.of()))
                .hasMessageStartingWith("Unknown option --colour");
        assertThatThrownBy(() -> SeedSettings.parse(new String[] {"--port"}, Map.of()))
                .hasMessageStartingWith("Missing value for --port");
        assertThatThrownBy(() -> SeedSettings.parse(new String[0], Map.of("PORT", "70000")))
                .hasMessage("Port must be between 0 and 65535, got 70000");
    }

    @Test
    void redisUrlFromTheEnvironmentOrAFlagAndEmptyMeansMemory() {
        assertThat(SeedSettings.parse(new String[0], Map.of()).usesRedis()).isFalse();
        assertThat(SeedSettings.parse(new String[0], Map.of("REDIS_URL", "")).usesRedis())
                .isFalse();
        assertThat(SeedSettings.parse(new String[0], Map.of("REDIS_URL", "redis://cache:6379"))
                        .redisUrl())
                .isEqualTo("redis://cache:6379");
        assertThat(SeedSettings.parse(
                                new String[] {"--redis-url", "redis://other:6380/1"},
                                Map.of("REDIS_URL", "redis://cache:6379"))
                        .redisUrl())
                .isEqualTo("redis://other:6380/1");
        assertThatThrownBy(() -> SeedSettings.parse(new String[0], Map.of("REDIS_URL", "cache:6379")))
                .hasMessage("Redis URL must start with redis:// or rediss://, got 'cache:6379'");
    }

    @Test
    void jwtSettingsComeFromFlagsOrEnvironmentAndAreChecked() {
        SeedSettings defaults = SeedSettings.parse(new String[0], Map.of());
        assertThat(defaults.usesDevelopmentJwtSecret()).isTrue();
        assertThat(defaults.jwtAlgorithm()).isEqualTo("HS256");
        SeedSettings set =
                SeedSettings.parse(new String[] {"--jwt-algorithm", "RS256"}, Map.of("JWT_SECRET", "x".repeat(40)));
        assertThat(set.usesDevelopmentJwtSecret()).isFalse();
        assertThat(set.jwtSecret()).isEqualTo("x".repeat(40));
        assertThat(set.jwtAlgorithm()).isEqualTo("RS256");
        assertThatThrownBy(() -> SeedSettings.parse(new String[] {"--jwt-secret", "short"}, Map.of()))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> SeedSettings.parse(new String[0], Map.of("JWT_ALGORITHM", "none")))
                .hasMessageContaining("HS256 or RS256");
    }
}

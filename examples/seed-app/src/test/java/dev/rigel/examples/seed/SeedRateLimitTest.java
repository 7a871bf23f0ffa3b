package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.middleware.ratelimit.RateLimitConfig.Unit;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's global rate limit: on for the API, off for health and the benchmark endpoints. */
class SeedRateLimitTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final long HOUR_MS = 3_600_000;

    /**
     * Windows are aligned to the clock, so a test that counts to the limit must not straddle the
     * end of an hour; in the last seconds of one, wait for the next.
     */
    @BeforeEach
    void stayInsideOneWindow() throws InterruptedException {
        long left = HOUR_MS - System.currentTimeMillis() % HOUR_MS;
        if (left < 5_000) {
            Thread.sleep(left + 50);
        }
    }

    private static TestClient open(Transport transport, String rateLimit) {
        App app = SeedApp.create(SeedSettings.defaults().withApiToken("t").withRateLimit(rateLimit));
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app).defaultHeader("Authorization", "Bearer t");
        }
        RigelServer server = new RigelServer(
                        app, ServerConfig.builder().host("127.0.0.1").port(0).build())
                .start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop)
                .defaultHeader("Authorization", "Bearer t");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void apiRequestsPastTheLimitGet429WithRateLimitHeaders(Transport transport) {
        try (TestClient client = open(transport, "hour,3")) {
            for (int i = 1; i <= 3; i++) {
                TestResponse users = client.get("/api/v1/users");
                assertThat(users.status()).isEqualTo(200);
                assertThat(users.header("RateLimit-Policy")).isEqualTo("3; w=3600");
                assertThat(users.header("RateLimit-Limit")).isEqualTo("3");
                assertThat(users.header("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
                assertThat(Long.parseLong(users.header("RateLimit-Reset"))).isBetween(1L, 3600L);
                // the tracing middleware inside the limit still runs for allowed requests
                assertThat(users.header("x-trace-id")).isNotBlank();
            }
            TestResponse refused = client.get("/api/v1/users");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.jsonMap()).isEqualTo(Map.of("status_code", 429, "detail", "Too Many Requests"));
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("Retry-After")).isEqualTo(refused.header("RateLimit-Reset"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void healthAndBenchmarkEndpointsAreNeverLimited(Transport transport) {
        try (TestClient client = open(transport, "hour,1")) {
            for (int i = 0; i < 5; i++) {
                for (String path : new String[] {"/health", "/plaintext", "/json"}) {
                    TestResponse response = client.get(path);
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.header("RateLimit-Limit")).isNull();
                }
            }
            assertThat(client.get("/api/v1/users").status()).isEqualTo(200);
            assertThat(client.get("/api/v1/users").status()).isEqualTo(429);
        }
    }

    @Test
    void theLimitComesFromTheEnvironmentOrTheFlag() {
        assertThat(SeedSettings.load(new String[0], Map.of()).rateLimitConfig().policy())
                .isEqualTo("60; w=60");
        SeedSettings fromEnv = SeedSettings.load(new String[0], Map.of("RATE_LIMIT", "second,1000"));
        assertThat(fromEnv.rateLimitConfig().unit()).isEqualTo(Unit.SECOND);
        assertThat(fromEnv.rateLimitConfig().limit()).isEqualTo(1000);
        SeedSettings fromFlag =
                SeedSettings.load(new String[] {"--rate-limit", "hour,5"}, Map.of("RATE_LIMIT", "second,1000"));
        assertThat(fromFlag.rateLimitConfig().policy()).isEqualTo("5; w=3600");
        assertThatThrownBy(() -> SeedSettings.load(new String[] {"--rate-limit=weekly"}, Map.of()))
                .hasMessageStartingWith(
                        "Invalid setting rate-limit = 'weekly' (from flag --rate-limit): must be unit,limit");
    }
}

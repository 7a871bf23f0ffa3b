package dev.rigel.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import dev.rigel.middleware.ratelimit.RateLimitConfig.Unit;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.AsyncTestClient;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The built-in rate limit: headers, 429s, exclusions, keys, windows and exact counting. */
class RateLimitTest {

    /** 15 s into a minute: a minute window has 45 s left, and no window ends while a test runs. */
    static final Instant AT = Instant.parse("2026-03-01T10:20:15Z");

    static final InstantSource FIXED = InstantSource.fixed(AT);

    static App app(RateLimitConfig config) {
        return App.builder()
                .routeHandlers(
                        Route.get("/hello", () -> "hi"),
                        Route.get("/health", () -> "ok"),
                        Route.get("/internal", () -> "internal").opt("skip_rate_limit", true))
                .rateLimit(config)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void checkedResponsesCarryTheHeadersAndRequestsPastTheLimitGet429(Transport transport) {
        try (TestClient client =
                Clients.open(app(RateLimitConfig.of(Unit.MINUTE, 3).clock(FIXED)), transport)) {
            for (int i = 1; i <= 3; i++) {
                TestResponse response = client.get("/hello");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo("hi");
                assertThat(response.header("RateLimit-Policy")).isEqualTo("3; w=60");
                assertThat(response.header("RateLimit-Limit")).isEqualTo("3");
                assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
                assertThat(response.header("RateLimit-Reset")).isEqualTo("45");
                assertThat(response.header("Retry-After")).isNull();
            }
            TestResponse refused = client.get("/hello");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.jsonMap()).isEqualTo(Map.of("status_code", 429, "detail", "Too Many Requests"));
            assertThat(refused.header("content-type")).startsWith("application/json");
            assertThat(refused.header("RateLimit-Policy")).isEqualTo("3; w=60");
            assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("RateLimit-Reset")).isEqualTo("45");
            assertThat(refused.header("Retry-After")).isEqualTo("45");
        }
    }

    @Test
    void unmatchedRoutesAreCountedToo() {
        try (TestClient client =
                TestClient.of(app(RateLimitConfig.of(Unit.SECOND, 2).clock(FIXED)))) {
            TestResponse missing = client.get("/nowhere");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("RateLimit-Remaining")).isEqualTo("1");
            assertThat(client.request("POST", "/hello").send().status()).isEqualTo(405);
            assertThat(client.get("/nowhere").status()).isEqualTo(429);
            assertThat(client.get("/hello").status()).isEqualTo(429);
        }
    }

    @Test
    void excludedPathsOptKeysAndUnthrottledRequestsPassUncounted() {
        RateLimitConfig config = RateLimitConfig.of(Unit.HOUR, 1)
                .clock(FIXED)
                .exclude("^/health$")
                .excludeOptKey("skip_rate_limit")
                .checkThrottle(scope -> scope.headers().get("x-trusted") == null);
        try (TestClient client = TestClient.of(app(config))) {
            for (int i = 0; i < 5; i++) {
                TestResponse health = client.get("/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.header("RateLimit-Limit")).isNull();
                assertThat(client.get("/internal").status()).isEqualTo(200);
                TestResponse trusted = client.request("GET", "/hello")
                        .header("x-trusted", "yes")
                        .send();
                assertThat(trusted.status()).isEqualTo(200);
                assertThat(trusted.header("RateLimit-Limit")).isNull();
            }
            TestResponse counted = client.get("/hello");
            assertThat(counted.status()).isEqualTo(200);
            assertThat(counted.header("RateLimit-Policy")).isEqualTo("1; w=3600");
            assertThat(counted.header("RateLimit-Reset")).isEqualTo(Long.toString(3600 - 20 * 60 - 15));
            assertThat(client.get("/hello").status()).isEqualTo(429);
        }
    }

    @Test
    void theKeyFunctionDecidesWhoSharesACount() {
        RateLimitConfig config = RateLimitConfig.of(Unit.MINUTE, 1)
                .clock(FIXED)
                .key(scope -> String.valueOf(scope.headers().get("x-api-key")));
        try (TestClient client = TestClient.of(app(config))) {
            assertThat(client.request("GET", "/hello")
                            .header("x-api-key", "a")
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(client.request("GET", "/hello")
                            .header("x-api-key", "b")
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(client.request("GET", "/hello")
                            .header("x-api-key", "a")
                            .send()
                            .status())
                    .isEqualTo(429);
            assertThat(client.request("GET", "/hello")
                            .header("x-api-key", "b")
                            .send()
                            .status())
                    .isEqualTo(429);
        }
    }

    @Test
    void aNewWindowStartsANewCount() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:20:59.500Z"));
        try (TestClient client =
                TestClient.of(app(RateLimitConfig.of(Unit.MINUTE, 1).clock(now::get)))) {
            TestResponse first = client.get("/hello");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("RateLimit-Reset")).isEqualTo("1"); // half a second, rounded up
            assertThat(client.get("/hello").status()).isEqualTo(429);

            now.set(Instant.parse("2026-03-01T10:21:00Z"));
            TestResponse next = client.get("/hello");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(next.header("RateLimit-Reset")).isEqualTo("60");
        }
    }

    @Test
    void countersLiveInTheNamedAppStore() {
        Store counters = new MemoryStore();
        App app = App.builder()
                .routeHandlers(Route.get("/hello", () -> "hi"))
                .stores(new StoreRegistry().register("limits", counters))
                .rateLimit(
                        RateLimitConfig.of(Unit.MINUTE, 5).storeName("limits").clock(FIXED))
                .build();
        try (TestClient client = TestClient.of(app)) {
            client.get("/hello");
            client.get("/hello");
        }
        long window = AT.toEpochMilli() / 60_000;
        assertThat(counters.getString("testclient::default:5/minute:" + window)).contains("2");
        assertThat(counters.expiresIn("testclient::default:5/minute:" + window))
                .hasValueSatisfying(left -> assertThat(left).isLessThanOrEqualTo(Duration.ofSeconds(45)));
        assertThat(app.stores().has(RateLimitConfig.DEFAULT_STORE_NAME)).isFalse();
    }

    @Test
    void parallelRequestsInProcessLetExactlyTheLimitThrough() {
        int limit = 50;
        try (AsyncTestClient client =
                AsyncTestClient.of(app(RateLimitConfig.of(Unit.MINUTE, limit).clock(FIXED)))) {
            List<CompletableFuture<TestResponse>> responses =
                    IntStream.range(0, 400).mapToObj(i -> client.get("/hello")).toList();
            assertStatusCounts(responses, limit, 400 - limit);
        }
    }

    @Test
    void parallelRequestsOverARealServerLetExactlyTheLimitThrough() {
        int limit = 40;
        try (TestClient client =
                Clients.open(app(RateLimitConfig.of(Unit.MINUTE, limit).clock(FIXED)), Transport.REAL_SERVER)) {
            List<CompletableFuture<TestResponse>> responses = IntStream.range(0, 150)
                    .mapToObj(i -> client.request("GET", "/hello").sendAsync())
                    .toList();
            assertStatusCounts(responses, limit, 150 - limit);
        }
    }

    static void assertStatusCounts(List<CompletableFuture<TestResponse>> responses, int ok, int refused) {
        List<TestResponse> done =
                responses.stream().map(CompletableFuture::join).toList();
        assertThat(done.stream().filter(r -> r.status() == 200).count()).isEqualTo(ok);
        assertThat(done.stream().filter(r -> r.status() == 429).count()).isEqualTo(refused);
        // every count from 1 to the limit was handed out exactly once
        assertThat(done.stream().filter(r -> r.status() == 200).map(r -> r.header("RateLimit-Remaining")))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, ok).mapToObj(Integer::toString).toList());
    }

    @Test
    void configParsesUnitAndLimitAndRefusesNonsense() {
        RateLimitConfig parsed = RateLimitConfig.parse("second, 1000");
        assertThat(parsed.unit()).isEqualTo(Unit.SECOND);
        assertThat(parsed.limit()).isEqualTo(1000);
        assertThat(parsed.policy()).isEqualTo("1000; w=1");
        assertThat(RateLimitConfig.parse("Day,5").policy()).isEqualTo("5; w=86400");
        assertThat(RateLimitConfig.of(Unit.MINUTE, 60).storeName()).isEqualTo("rate_limit");
        assertThatThrownBy(() -> RateLimitConfig.parse("fortnight,3")).hasMessageContaining("fortnight");
        assertThatThrownBy(() -> RateLimitConfig.parse("minute")).hasMessageContaining("unit,limit");
        assertThatThrownBy(() -> RateLimitConfig.parse("minute,lots")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> RateLimitConfig.of(Unit.MINUTE, 0)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> RateLimitConfig.of(Unit.MINUTE, 1).exclude("("))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }
}

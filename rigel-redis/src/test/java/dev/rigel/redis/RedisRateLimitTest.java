package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import dev.rigel.middleware.ratelimit.RateLimitConfig.Unit;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two app instances, each behind its own real server, count into one Redis store and so enforce
 * one limit between them, exactly, even when both are hit at once.
 */
class RedisRateLimitTest {

    /** Mid-window, so no window ends during the test. */
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-03-01T10:20:15Z"));

    final String namespace = "rigel-test-ratelimit-" + UUID.randomUUID();
    final List<RigelServer> servers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        servers.forEach(RigelServer::stop);
        try (RedisStore cleaner = RedisStore.connect(RedisStoreTest.URL, namespace)) {
            cleaner.deleteAll();
        }
    }

    TestClient instance(int limit) {
        RedisStore redis = RedisStore.connect(RedisStoreTest.URL, namespace);
        App app = App.builder()
                .routeHandlers(Route.get("/hello", () -> "hi"))
                .stores(StoreRegistry.withDefaultFactory(redis::withNamespace))
                .lifespan(a -> redis)
                .rateLimit(RateLimitConfig.of(Unit.MINUTE, limit).clock(CLOCK))
                .build();
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        servers.add(server);
        return TestClient.overHttp(app, URI.create(server.url()));
    }

    @Test
    void twoInstancesShareOneLimit() {
        try (TestClient first = instance(3);
                TestClient second = instance(3)) {
            assertThat(first.get("/hello").header("RateLimit-Remaining")).isEqualTo("2");
            assertThat(second.get("/hello").header("RateLimit-Remaining")).isEqualTo("1");
            assertThat(first.get("/hello").header("RateLimit-Remaining")).isEqualTo("0");
            TestResponse refused = second.get("/hello");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("45");
            assertThat(first.get("/hello").status()).isEqualTo(429);
        }
    }

    @Test
    void parallelRequestsAcrossInstancesLetExactlyTheLimitThrough() {
        int limit = 30;
        try (TestClient first = instance(limit);
                TestClient second = instance(limit)) {
            List<CompletableFuture<TestResponse>> responses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                responses.add(first.request("GET", "/hello").sendAsync());
                responses.add(second.request("GET", "/hello").sendAsync());
            }
            List<TestResponse> done =
                    responses.stream().map(CompletableFuture::join).toList();
            assertThat(done.stream().filter(r -> r.status() == 200).count()).isEqualTo(limit);
            assertThat(done.stream().filter(r -> r.status() == 429).count()).isEqualTo(120 - limit);
        }
    }
}

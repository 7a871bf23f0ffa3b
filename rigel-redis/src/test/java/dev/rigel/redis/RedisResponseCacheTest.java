package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.cache.ResponseCacheConfig;
import dev.rigel.http.Response;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache in Redis: two app instances (one in-process, one behind the real server)
 * share cached responses, so the handler runs once for both.
 */
class RedisResponseCacheTest {

    final String namespace = "rigel-test-cache-" + UUID.randomUUID();
    final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void cleanUp() throws Exception {
        try (RedisStore cleaner = RedisStore.connect(RedisStoreTest.URL, namespace)) {
            cleaner.deleteAll();
        }
    }

    App appInstance() {
        RedisStore redis = RedisStore.connect(RedisStoreTest.URL, namespace);
        return App.builder()
                .routeHandlers(Route.get(
                                "/report",
                                () -> Response.of("report " + runs.incrementAndGet())
                                        .header("x-built", "yes"))
                        .cache(30))
                .stores(StoreRegistry.withDefaultFactory(redis::withNamespace))
                .lifespan(app -> redis)
                .build();
    }

    @Test
    void instancesShareCachedResponsesThroughRedis() throws Exception {
        App first = appInstance();
        App second = appInstance();
        RigelServer server = new RigelServer(
                        second,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (TestClient inProcess = TestClient.of(first);
                TestClient overHttp = TestClient.overHttp(second, URI.create(server.url()), server::stop)) {
            assertThat(inProcess.get("/report?b=2&a=1").text()).isEqualTo("report 1");
            TestResponse shared = overHttp.get("/report?a=1&b=2");
            assertThat(shared.text()).isEqualTo("report 1");
            assertThat(shared.header("x-built")).isEqualTo("yes");
            assertThat(overHttp.get("/report?a=2").text()).isEqualTo("report 2");
            assertThat(runs).hasValue(2);

            try (RedisStore reader = RedisStore.connect(RedisStoreTest.URL, namespace)) {
                var store = reader.withNamespace(ResponseCacheConfig.DEFAULT_STORE);
                assertThat(store.exists("GET /report?a=1&b=2")).isTrue();
                assertThat(store.expiresIn("GET /report?a=1&b=2"))
                        .hasValueSatisfying(
                                left -> assertThat(left).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void concurrentMissesOnARedisStoreRunTheHandlerOnce(boolean overHttp) throws Exception {
        int followers = 4;
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RedisStore redis = RedisStore.connect(RedisStoreTest.URL, namespace);
        dev.rigel.testing.support.CountingStore counting = new dev.rigel.testing.support.CountingStore(redis);
        AtomicInteger gets = counting.gets();
        App app = App.builder()
                .routeHandlers(Route.get("/slow", () -> {
                            int run = runs.incrementAndGet();
                            entered.countDown();
                            assertThat(release.await(20, java.util.concurrent.TimeUnit.SECONDS))
                                    .isTrue();
                            return "run " + run;
                        })
                        .cache(30))
                .stores(StoreRegistry.withDefaultFactory(counting::withNamespace))
                .lifespan(application -> redis)
                .build();
        RigelServer server = overHttp
                ? new RigelServer(
                                app,
                                ServerConfig.builder()
                                        .host("127.0.0.1")
                                        .port(0)
                                        .shutdownTimeout(Duration.ofSeconds(2))
                                        .build())
                        .start()
                : null;
        try (TestClient client =
                overHttp ? TestClient.overHttp(app, URI.create(server.url()), server::stop) : TestClient.of(app)) {
            var leader = client.request("GET", "/slow").sendAsync();
            assertThat(entered.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.List<java.util.concurrent.CompletableFuture<TestResponse>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < followers; i++) {
                waiting.add(client.request("GET", "/slow").sendAsync());
            }
            // the leader looked twice (before and after it took the key), each follower once
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (gets.get() < 2 + followers && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(gets.get()).isGreaterThanOrEqualTo(2 + followers);
            release.countDown();
            assertThat(leader.get(20, java.util.concurrent.TimeUnit.SECONDS).text())
                    .isEqualTo("run 1");
            for (var follower : waiting) {
                assertThat(follower.get(20, java.util.concurrent.TimeUnit.SECONDS)
                                .text())
                        .isEqualTo("run 1");
            }
            assertThat(runs).hasValue(1);
        }
    }
}

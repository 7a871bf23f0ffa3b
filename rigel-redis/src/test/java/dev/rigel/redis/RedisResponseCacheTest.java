package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Response;
import dev.rigel.Route;
import dev.rigel.cache.ResponseCacheConfig;
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
                .routeHandlers(Route.get("/report", () -> Response.of("report " + runs.incrementAndGet())
                        .header("x-built", "yes")).cache(30))
                .stores(StoreRegistry.withDefaultFactory(redis::withNamespace))
                .lifespan(app -> redis)
                .build();
    }

    @Test
    void instancesShareCachedResponsesThroughRedis() throws Exception {
        App first = appInstance();
        App second = appInstance();
        RigelServer server = new RigelServer(second, ServerConfig.builder().host("127.0.0.1").port(0)
                .shutdownTimeout(Duration.ofSeconds(2)).build()).start();
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
                assertThat(store.expiresIn("GET /report?a=1&b=2")).hasValueSatisfying(left ->
                        assertThat(left).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
            }
        }
    }
}

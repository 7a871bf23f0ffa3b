package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One line ({@code stores(StoreRegistry.withDefaultFactory(redis::withNamespace))}) moves an app's
 * stores to Redis: two app instances, one in-process and one behind the real server, then count
 * into the same Redis keys.
 */
class RedisStoresAppTest {

    final String namespace = "rigel-test-app-" + UUID.randomUUID();

    @AfterEach
    void cleanUp() throws Exception {
        try (RedisStore cleaner = RedisStore.connect(RedisStoreTest.URL, namespace)) {
            cleaner.deleteAll();
        }
    }

    static long visit(StoreRegistry stores, String name) {
        return stores.get("visits").increment(name, Duration.ofMinutes(1));
    }

    App appInstance() {
        RedisStore redis = RedisStore.connect(RedisStoreTest.URL, namespace);
        return App.builder()
                .routeHandlers(Route.get("/visit/{name:str}", RedisStoresAppTest::visit))
                .stores(StoreRegistry.withDefaultFactory(redis::withNamespace))
                .lifespan(app -> redis)
                .build();
    }

    @Test
    void appInstancesOnRedisShareTheirStores() throws Exception {
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
            assertThat(inProcess.get("/visit/alice").text()).isEqualTo("1");
            assertThat(overHttp.get("/visit/alice").text()).isEqualTo("2");
            assertThat(inProcess.get("/visit/alice").text()).isEqualTo("3");
            assertThat(overHttp.get("/visit/bob").text()).isEqualTo("1");

            assertThat(first.stores().get("visits")).isInstanceOf(RedisStore.class);
            try (RedisStore reader = RedisStore.connect(RedisStoreTest.URL, namespace)) {
                assertThat(reader.withNamespace("visits").getString("alice")).contains("3");
                assertThat(reader.withNamespace("visits").expiresIn("alice")).isPresent();
            }
        }
    }
}

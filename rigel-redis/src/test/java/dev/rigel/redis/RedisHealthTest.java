package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.health.HealthPlugin;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readiness with Redis: the store's PING and the Pub/Sub backend's subscription, against the
 * machine's Redis, and against a private redis-server that is killed (503 at once, a WARN and no
 * ERROR) and restarted (200 again, without restarting the app).
 */
class RedisHealthTest {

    static App app(String url) {
        RedisStore store = RedisStore.connect(url, "health-" + UUID.randomUUID());
        return App.builder()
                // the default factory's views share the store's connection: one "redis" check for all
                .stores(StoreRegistry.withDefaultFactory(store::withNamespace).register("sessions", store))
                .onStartup(started -> started.stores().get("cache"))
                .lifespan(started -> store)
                .plugins(
                        HealthPlugin.create(),
                        ChannelsPlugin.builder(
                                        RedisChannelsPubSubBackend.builder(url).build())
                                .arbitraryChannelsAllowed(true)
                                .build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void redisThatAnswersIsReady(Transport transport) {
        try (TestClient client = Clients.open(app("redis://127.0.0.1:6379"), transport)) {
            TestResponse ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            JsonNode checks = ready.json().path("checks");
            assertThat(checks.fieldNames()).toIterable().containsExactlyInAnyOrder("redis", "channels");
            assertThat(checks.at("/redis/status").asText()).isEqualTo("ok");
            assertThat(checks.at("/channels/status").asText()).isEqualTo("ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void redisThatIsDownAnswers503AtOnceAndComesBack(Transport transport) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start();
                TestClient client = Clients.open(app(redis.url()), transport);
                CapturedLogs logs = new CapturedLogs()) {
            assertThat(client.get("/health/ready").status()).isEqualTo(200);
            redis.kill();
            long start = System.nanoTime();
            TestResponse down = client.get("/health/ready");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().at("/checks/redis/status").asText()).isEqualTo("down");
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/health").status()).isEqualTo(503);
            }
            redis.restart();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < until) {
                Thread.sleep(100);
                status = client.get("/health/ready").status();
            }
            assertThat(status).isEqualTo(200);
            assertThat(logs.at(Level.ERROR)).isEmpty();
            // one WARN per check that went down, not one per probe
            assertThat(logs.at(Level.WARN, "dev.rigel.health"))
                    .hasSizeLessThanOrEqualTo(2)
                    .anySatisfy(line -> assertThat(line).contains("'redis' is down"));
        }
    }
}

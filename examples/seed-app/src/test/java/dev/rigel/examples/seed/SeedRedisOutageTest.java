package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.redis.CapturedLogs;
import dev.rigel.redis.PrivateRedis;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed with {@code REDIS_URL} set while its Redis (a private redis-server, never the machine's
 * shared one) is killed and restarted: cached reads come from the database (200, fast), writes
 * that cannot drop a cached user are refused (503, nothing changed), notifications answer 503
 * with {@code Retry-After}, new WebSocket subscriptions are refused, the outage is logged once per
 * Redis client and never as an ERROR, and everything works again once Redis is back.
 */
class SeedRedisOutageTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String TOKEN = "test-token";
    private static final Duration FAST = Duration.ofMillis(1000);

    private static TestClient open(String redisUrl, Transport transport) {
        SeedSettings settings = new SeedSettings(
                TOKEN,
                "minute,100000",
                SeedSettings.DEFAULT_CSRF_SECRET,
                redisUrl,
                // a secret of its own: the development one's startup warning is not what this test counts
                "a-jwt-secret-for-the-redis-outage-test",
                "HS256");
        var app = SeedApp.create(settings);
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    private static TestResponse fast(Supplier<TestResponse> request) {
        long start = System.nanoTime();
        TestResponse response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("answered without waiting for Redis")
                .isLessThan(FAST);
        return response;
    }

    private static TestResponse notify(TestClient client, long userId, String message) {
        return client.post("/api/v1/notifications", Map.of("user_id", userId, "message", message));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRedisOutageLeavesReadsUpAndRefusesWhatNeedsRedis(Transport transport) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start();
                CapturedLogs logs = new CapturedLogs();
                TestClient client = open(redis.url(), transport).defaultHeader("Authorization", "Bearer " + TOKEN)) {
            assertThat(client.get("/api/v1/users/1").jsonMap()).containsEntry("name", "Ada Lovelace");
            long deadline;
            try (WebSocketTestSession ada = client.websocketConnect("/ws/user:1")) {
                assertThat(notify(client, 1, "before").status()).isEqualTo(201);
                assertThat(ada.receiveJson(Map.class)).containsEntry("message", "before");

                redis.kill();
                for (int i = 0; i < 5; i++) {
                    TestResponse cached = fast(() -> client.get("/api/v1/users/1"));
                    assertThat(cached.status()).as("the user cache is optional").isEqualTo(200);
                    assertThat(cached.jsonMap()).containsEntry("name", "Ada Lovelace");
                    assertThat(fast(() -> client.get("/api/v1/users/2")).jsonMap())
                            .containsEntry("name", "Alan Turing");

                    TestResponse rename = fast(() -> client.request("PATCH", "/api/v1/users/2")
                            .json(Map.of("name", "Renamed"))
                            .send());
                    assertThat(rename.status())
                            .as("a change that cannot drop the cached copy is refused")
                            .isEqualTo(503);

                    TestResponse published = fast(() -> notify(client, 1, "during"));
                    assertThat(published.status()).isEqualTo(503);
                    assertThat(published.header("Retry-After")).isEqualTo("5");

                    long start = System.nanoTime();
                    assertThatThrownBy(
                                    () -> client.websocketConnect("/ws/user:1").close())
                            .isInstanceOfSatisfying(
                                    WebSocketRejectedException.class,
                                    refused -> assertThat(refused.status()).isEqualTo(503));
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
                }
                assertThat(client.get("/api/v1/users/2").jsonMap())
                        .as("the refused change was rolled back")
                        .containsEntry("name", "Alan Turing");
                assertThat(logs.at(Level.ERROR))
                        .as("an outage is no error of the app")
                        .isEmpty();
                assertThat(logs.at(Level.WARN, "dev.rigel"))
                        .as("once per Redis client (user cache, channels), not per request")
                        .hasSize(2);
                // readiness says so at once (the load balancer moves traffic away); liveness does not
                TestResponse ready = fast(() -> client.get("/health/ready"));
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().at("/checks/redis/status").asText()).isEqualTo("down");
                assertThat(ready.json().at("/checks/channels/status").asText()).isEqualTo("down");
                assertThat(ready.json().at("/checks/db/status").asText()).isEqualTo("ok");
                assertThat(fast(() -> client.get("/health/live")).status()).isEqualTo(200);

                redis.restart();
                deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (true) {
                    if (notify(client, 1, "after").status() == 201) {
                        try {
                            assertThat(ada.receiveText(Duration.ofMillis(300))).contains("\"message\":\"after\"");
                            break;
                        } catch (AssertionError notYetResubscribed) {
                            // published before the subscription was restored: lost, as Pub/Sub loses it
                        }
                    }
                    assertThat(System.nanoTime())
                            .as("the open socket's subscription comes back")
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            // the user cache's connection comes back on its own schedule, independent of the channels'
            while (client.request("PATCH", "/api/v1/users/2")
                            .json(Map.of("name", "Renamed"))
                            .send()
                            .status()
                    != 200) {
                assertThat(System.nanoTime()).as("changes work again").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(client.get("/api/v1/users/2").jsonMap()).containsEntry("name", "Renamed");
            while (client.get("/health/ready").status() != 200) {
                assertThat(System.nanoTime()).as("ready again").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (WebSocketTestSession grace = client.websocketConnect("/ws/user:3")) {
                assertThat(notify(client, 3, "welcome back").status()).isEqualTo(201);
                assertThat(grace.receiveJson(Map.class)).containsEntry("message", "welcome back");
            }
            assertThat(logs.at(Level.ERROR)).isEmpty();
        }
    }
}

package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /api/v1/notifications} publishes to {@code user:{user_id}}; a WebSocket client at
 * {@code /ws/user:{user_id}} receives it: in memory within one instance, and through Redis across
 * two instances on their own ports.
 */
class SeedNotificationsTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String TOKEN = "test-token";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SeedSettings settings(String redisUrl) {
        return SeedSettings.defaults()
                .withApiToken(TOKEN)
                .withRateLimit("minute,100000")
                .withRedisUrl(redisUrl);
    }

    private static TestClient open(App app, Transport transport) {
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPostedNotificationReachesTheUsersWebSocket(Transport transport) {
        try (TestClient client = open(SeedApp.create(settings(null)), transport)
                        .defaultHeader("Authorization", "Bearer " + TOKEN);
                WebSocketTestSession alice = client.websocketConnect("/ws/user:42");
                WebSocketTestSession bob = client.websocketConnect("/ws/user:7")) {
            TestResponse posted =
                    client.post("/api/v1/notifications", Map.of("user_id", 42, "message", "Your order shipped"));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.jsonMap()).containsEntry("channel", "user:42");
            assertThat(alice.receiveText())
                    .as("snake_case JSON, as the whole API")
                    .isEqualTo("{\"user_id\":42,\"message\":\"Your order shipped\"}");

            client.post("/api/v1/notifications", Map.of("user_id", 7, "message", "hello bob"));
            assertThat(bob.receiveJson(Map.class)).containsEntry("message", "hello bob");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void notificationsNeedTheTokenAndAValidBody(Transport transport) {
        try (TestClient client = open(SeedApp.create(settings(null)), transport)) {
            assertThat(client.post("/api/v1/notifications", Map.of("user_id", 1, "message", "x"))
                            .status())
                    .isEqualTo(401);
            client.defaultHeader("Authorization", "Bearer " + TOKEN);
            TestResponse noMessage = client.post("/api/v1/notifications", Map.of("user_id", 1));
            assertThat(noMessage.status()).isEqualTo(400);
            assertThat(noMessage.text()).contains("message");
            assertThat(client.post("/api/v1/notifications", Map.of("user_id", "abc", "message", "x"))
                            .status())
                    .isEqualTo(400);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theWebSocketRoutesLiveUnderWs(Transport transport) {
        try (TestClient client = open(SeedApp.create(settings(null)), transport)) {
            try {
                client.websocketConnect("/user:42").close();
                throw new AssertionError("a WebSocket outside /ws/ must be refused");
            } catch (WebSocketRejectedException refused) {
                assertThat(refused.status()).isEqualTo(404);
            }
        }
    }

    @Test
    void withRedisANotificationPostedToOneInstanceReachesAWebSocketOnAnother() {
        long userId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        String redis = "redis://127.0.0.1:6379/0";
        try (TestClient first = open(SeedApp.create(settings(redis)), Transport.REAL_SERVER)
                        .defaultHeader("Authorization", "Bearer " + TOKEN);
                TestClient second = open(SeedApp.create(settings(redis)), Transport.REAL_SERVER);
                // a browser's way: the token in the query (the admin's static token may follow any channel)
                WebSocketTestSession onSecond = second.websocketConnect("/ws/user:" + userId + "?token=" + TOKEN)) {
            assertThat(first.post("/api/v1/notifications", Map.of("user_id", userId, "message", "across instances"))
                            .status())
                    .isEqualTo(201);
            assertThat(onSecond.receiveText(WAIT))
                    .isEqualTo("{\"user_id\":" + userId + ",\"message\":\"across instances\"}");
        }
    }
}

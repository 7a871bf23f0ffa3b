package dev.rigel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.channels.ChannelEvent;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.Subscriber;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketTestSession;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two app instances, each behind its own real server on its own port, share one PostgreSQL
 * database: an event published by a request to instance A reaches a subscriber on instance B.
 */
class PostgresChannelsScaleOutTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    final String prefix = "rigel-test-scale-" + UUID.randomUUID() + ":";

    record Notification(String userId, String message) {}

    App instance(String name) {
        return App.builder()
                .plugins(ChannelsPlugin.builder(PostgresChannelsBackend.builder(PostgresChannelsBackendTest.URL)
                                .applicationName("rigel-test-" + name)
                                .prefix(prefix)
                                .build())
                        .arbitraryChannelsAllowed(true)
                        .createWsRouteHandlers(true)
                        .wsHandlerBasePath("/ws")
                        .build())
                .routeHandlers(Route.post("/api/v1/notifications", PostgresChannelsScaleOutTest::notifyUser))
                .build();
    }

    static Map<String, String> notifyUser(Notification data, ChannelsPlugin channels) {
        channels.publish(data, "user:" + data.userId());
        return Map.of("status", "sent");
    }

    static TestClient serve(App app) {
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

    @Test
    void aNotificationPostedToOneInstanceReachesASubscriberOnTheOther() throws Exception {
        App first = instance("a");
        App second = instance("b");
        try (TestClient a = serve(first);
                TestClient b = serve(second);
                Subscriber onSecond = second.plugins().get(ChannelsPlugin.class).subscribe("user:42");
                Subscriber onFirst = first.plugins().get(ChannelsPlugin.class).subscribe("user:7")) {
            TestResponse posted = a.post("/api/v1/notifications", Map.of("userId", "42", "message", "hello from A"));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(onSecond.next(WAIT).map(ChannelEvent::text))
                    .contains(second.objectMapper().writeValueAsString(new Notification("42", "hello from A")));

            b.post("/api/v1/notifications", Map.of("userId", "7", "message", "hello from B"));
            assertThat(onFirst.next(WAIT).map(ChannelEvent::text))
                    .contains(first.objectMapper().writeValueAsString(new Notification("7", "hello from B")));
            assertThat(onSecond.poll()).as("user:7 is not user:42").isEmpty();
        }
    }

    @Test
    void aNotificationPostedToOneInstanceReachesAWebSocketClientOfTheOther() throws Exception {
        App first = instance("ws-a");
        App second = instance("ws-b");
        try (TestClient a = serve(first);
                TestClient b = serve(second);
                WebSocketTestSession onSecond = b.websocketConnect("/ws/user:42")) {
            TestResponse posted = a.post("/api/v1/notifications", Map.of("userId", "42", "message", "over the socket"));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(onSecond.receiveText(WAIT))
                    .isEqualTo(second.objectMapper().writeValueAsString(new Notification("42", "over the socket")));
        }
    }
}

package dev.rigel.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plugin inside an app: handlers get it as the {@code channels} dependency and publish from a
 * request; server-side subscribers found through {@code app.plugins()} receive the events.
 */
class ChannelsAppTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    record Notification(String userId, String message) {}

    static App app() {
        return App.builder()
                .plugins(ChannelsPlugin.builder(new MemoryChannelsBackend(10))
                        .channels("news")
                        .arbitraryChannelsAllowed(false)
                        .build())
                .routeHandlers(
                        Route.post("/news", (String data, ChannelsPlugin channels) -> {
                            channels.publish(data, "news");
                            return "published";
                        }),
                        Route.post("/notify", ChannelsAppTest::sendNotification),
                        Route.get(
                                "/news/history",
                                (ChannelsPlugin channels) -> channels.getHistory("news", 10).stream()
                                        .map(String::new)
                                        .toList()))
                .build();
    }

    static Map<String, String> sendNotification(Notification data, ChannelsPlugin channels) {
        channels.publish(data, "news");
        return Map.of("sent_to", data.userId());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerPublishesThroughTheInjectedPlugin(Transport transport) throws Exception {
        App app = app();
        try (TestClient client = Clients.open(app, transport)) {
            ChannelsPlugin channels = app.plugins().get(ChannelsPlugin.class);
            try (Subscriber subscriber = channels.subscribe("news")) {
                TestResponse published =
                        client.request("POST", "/news").text("hello").send();
                assertThat(published.status()).isEqualTo(201);
                assertThat(published.text()).isEqualTo("published");
                assertThat(subscriber.next(WAIT).orElseThrow().text()).isEqualTo("hello");

                TestResponse notified = client.post("/notify", Map.of("userId", "7", "message", "hi"));
                assertThat(notified.status()).isEqualTo(201);
                assertThat(subscriber.next(WAIT).orElseThrow().text())
                        .isEqualTo(app.objectMapper().writeValueAsString(new Notification("7", "hi")));

                assertThat(client.get("/news/history").json(List.class))
                        .hasSize(2)
                        .first()
                        .isEqualTo("hello");
            }
        }
        assertThat(app.plugins().get(ChannelsPlugin.class).isRunning())
                .as("stopped with the app")
                .isFalse();
    }
}

package dev.rigel.channels;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The WebSocket routes a {@link ChannelsPlugin} adds with {@code createWsRouteHandlers}: a client
 * connected to a channel's route receives what a request publishes to it.
 */
class ChannelsWebSocketTest {

    static App app(ChannelsPlugin plugin) {
        return App.builder()
                .plugins(plugin)
                .routeHandlers(
                        Route.post("/publish/{channel:str}", (String channel, String data, ChannelsPlugin channels) -> {
                            channels.publish(data, channel);
                            return "published";
                        }))
                .build();
    }

    static ChannelsPlugin.Builder arbitrary(ChannelsBackend backend) {
        return ChannelsPlugin.builder(backend)
                .arbitraryChannelsAllowed(true)
                .createWsRouteHandlers(true)
                .wsHandlerBasePath("/ws");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketClientReceivesWhatARequestPublishes(Transport transport) {
        App app = app(arbitrary(new MemoryChannelsBackend()).build());
        try (TestClient client = Clients.open(app, transport);
                WebSocketTestSession alice = client.websocketConnect("/ws/user:alice");
                WebSocketTestSession bob = client.websocketConnect("/ws/user:bob")) {
            assertThat(client.request("POST", "/publish/user:alice")
                            .text("hi alice")
                            .send()
                            .status())
                    .isEqualTo(201);
            client.request("POST", "/publish/user:bob").text("hi bob").send();
            client.request("POST", "/publish/user:alice").text("{\"n\":2}").send();

            assertThat(alice.receiveText()).isEqualTo("hi alice");
            assertThat(alice.receiveJson(Map.class)).isEqualTo(Map.of("n", 2));
            assertThat(bob.receiveText())
                    .as("each socket hears only its channel")
                    .isEqualTo("hi bob");
        }
    }

    /** Callers named by an {@code x-user} header; none is a 401. */
    static final class HeaderAuth extends dev.rigel.security.AbstractAuthenticationMiddleware {
        @Override
        protected dev.rigel.http.AuthenticationResult authenticate(dev.rigel.http.HttpConnection connection) {
            return new dev.rigel.http.AuthenticationResult(
                    connection
                            .header("x-user")
                            .orElseThrow(() -> new dev.rigel.exceptions.NotAuthorizedException("Who are you?")),
                    null);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theWebSocketRoutesTakeMiddlewareAndGuardsOfTheirOwn(Transport transport) {
        App app = app(arbitrary(new MemoryChannelsBackend())
                .wsMiddleware(new HeaderAuth())
                .wsGuards(dev.rigel.security.Guards.of(
                        (String user, String channel_name) -> channel_name.equals("user:" + user)))
                .build());
        try (TestClient client = Clients.open(app, transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws/user:alice"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(() ->
                            client.websocketConnect("/ws/user:alice", dev.rigel.protocol.Headers.of("x-user", "bob")))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(403));
            try (WebSocketTestSession alice =
                    client.websocketConnect("/ws/user:alice", dev.rigel.protocol.Headers.of("x-user", "alice"))) {
                // the app's other routes are not behind them
                client.request("POST", "/publish/user:alice").text("hi").send();
                assertThat(alice.receiveText()).isEqualTo("hi");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNewClientFirstGetsTheChannelsHistory(Transport transport) {
        App app = app(
                arbitrary(new MemoryChannelsBackend(10)).wsHandlerSendHistory(2).build());
        try (TestClient client = Clients.open(app, transport)) {
            for (String text : List.of("one", "two", "three")) {
                client.request("POST", "/publish/news").text(text).send();
            }
            try (WebSocketTestSession socket = client.websocketConnect("/ws/news")) {
                assertThat(socket.receiveText()).isEqualTo("two");
                assertThat(socket.receiveText()).isEqualTo("three");
                client.request("POST", "/publish/news").text("four").send();
                assertThat(socket.receiveText()).as("then the live events").isEqualTo("four");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withoutArbitraryChannelsEachConfiguredChannelHasItsRouteAndOthersAreRefused(Transport transport) {
        App app = app(ChannelsPlugin.builder(new MemoryChannelsBackend())
                .channels("news", "sport")
                .createWsRouteHandlers(true)
                .build());
        try (TestClient client = Clients.open(app, transport)) {
            try (WebSocketTestSession news = client.websocketConnect("/news");
                    WebSocketTestSession sport = client.websocketConnect("/sport")) {
                client.request("POST", "/publish/sport").text("goal").send();
                client.request("POST", "/publish/news").text("headline").send();
                assertThat(news.receiveText()).isEqualTo("headline");
                assertThat(sport.receiveText()).isEqualTo("goal");
            }
            assertThatThrownBy(() -> client.websocketConnect("/weather"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            refused -> assertThat(refused.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void binaryModeSendsTheEventsBytesAsBinaryMessages(Transport transport) {
        ChannelsPlugin plugin = arbitrary(new MemoryChannelsBackend())
                .wsSendMode(WsSendMode.BINARY)
                .build();
        App app = app(plugin);
        byte[] payload = {0, (byte) 0xff, 7};
        try (TestClient client = Clients.open(app, transport);
                WebSocketTestSession socket = client.websocketConnect("/ws/raw")) {
            plugin.publish(payload, "raw");
            assertThat(socket.receiveBytes()).isEqualTo(payload);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientLeavingUnsubscribesItsChannelAtTheBackend(Transport transport) {
        RecordingBackend backend = new RecordingBackend();
        App app = app(arbitrary(backend).build());
        try (TestClient client = Clients.open(app, transport)) {
            WebSocketTestSession first = client.websocketConnect("/ws/room");
            WebSocketTestSession second = client.websocketConnect("/ws/room");
            assertThat(backend.subscribed).containsExactly("room");

            first.close();
            client.request("POST", "/publish/room").text("still here").send();
            assertThat(second.receiveText()).isEqualTo("still here");
            assertThat(backend.unsubscribed).as("one client remains").isEmpty();

            second.close();
            eventually(() -> assertThat(backend.unsubscribed).containsExactly("room"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBackendThatCannotSubscribeRefusesTheHandshakeInsteadOfAcceptingADeadSocket(Transport transport) {
        RecordingBackend backend = new RecordingBackend();
        App app = app(arbitrary(backend).build());
        try (TestClient client = Clients.open(app, transport)) {
            backend.refuseSubscriptions = true;
            assertThatThrownBy(() -> client.websocketConnect("/ws/room"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            refused -> assertThat(refused.status()).isEqualTo(500));

            backend.refuseSubscriptions = false;
            try (WebSocketTestSession socket = client.websocketConnect("/ws/room")) {
                client.request("POST", "/publish/room").text("back").send();
                assertThat(socket.receiveText()).isEqualTo("back");
            }
        }
    }

    @Test
    void sendingHistoryNeedsABackendThatKeepsIt() {
        assertThatThrownBy(() -> arbitrary(new RecordingBackend())
                        .wsHandlerSendHistory(1)
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("keeps none");
        assertThatThrownBy(() -> arbitrary(new MemoryChannelsBackend(5))
                        .wsHandlerSendHistory(-1)
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class);
        assertThatThrownBy(() -> arbitrary(new MemoryChannelsBackend())
                        .wsHandlerBasePath("ws")
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("must start with '/'");
    }

    @Test
    void withoutCreateWsRouteHandlersNoWebSocketRouteIsAdded() {
        App app = app(ChannelsPlugin.builder(new MemoryChannelsBackend())
                .arbitraryChannelsAllowed(true)
                .build());
        try (TestClient client = TestClient.of(app)) {
            assertThatThrownBy(() -> client.websocketConnect("/news"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            refused -> assertThat(refused.status()).isEqualTo(404));
        }
    }

    /** The memory backend, recording the subscription changes the plugin asks of it. */
    static final class RecordingBackend implements ChannelsBackend {
        final MemoryChannelsBackend delegate = new MemoryChannelsBackend();
        final List<String> subscribed = new CopyOnWriteArrayList<>();
        final List<String> unsubscribed = new CopyOnWriteArrayList<>();
        volatile boolean refuseSubscriptions;

        @Override
        public void start(ChannelEventListener listener) {
            delegate.start(listener);
        }

        @Override
        public void stop() {
            delegate.stop();
        }

        @Override
        public void publish(byte[] data, Collection<String> channels) {
            delegate.publish(data, channels);
        }

        @Override
        public void subscribe(Collection<String> channels) {
            if (refuseSubscriptions) {
                throw new ChannelsException("broker unavailable");
            }
            subscribed.addAll(channels);
            delegate.subscribe(channels);
        }

        @Override
        public void unsubscribe(Collection<String> channels) {
            unsubscribed.addAll(channels);
            delegate.unsubscribe(channels);
        }
    }
}

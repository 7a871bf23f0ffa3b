package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.channels.ChannelEvent;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.Subscriber;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketTestSession;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two app instances, each behind its own real server on its own port, share one Redis: an event
 * published by a request to instance A reaches a subscriber on instance B, and the other way round.
 */
class RedisChannelsScaleOutTest {

    static final String PREFIX = "rigel-test-scale-" + UUID.randomUUID() + ":";
    static final Duration WAIT = Duration.ofSeconds(10);

    enum Kind {
        PUB_SUB(() -> RedisChannelsPubSubBackend.builder(RedisStoreTest.URL)
                .prefix(PREFIX)
                .build()),
        STREAMS(() -> RedisChannelsStreamBackend.builder(RedisStoreTest.URL)
                .prefix(PREFIX)
                .history(10)
                .build());

        final Supplier<ChannelsBackend> backend;

        Kind(Supplier<ChannelsBackend> backend) {
            this.backend = backend;
        }
    }

    static App instance(ChannelsBackend backend) {
        return App.builder()
                .plugins(ChannelsPlugin.builder(backend)
                        .arbitraryChannelsAllowed(true)
                        .createWsRouteHandlers(true)
                        .wsHandlerBasePath("/ws")
                        .build())
                .routeHandlers(
                        Route.post("/publish/{channel:str}", (String channel, String data, ChannelsPlugin channels) -> {
                            channels.publish(data, channel);
                            return "published";
                        }))
                .build();
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

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEventPublishedOnOneInstanceReachesSubscribersOnTheOther(Kind kind) throws Exception {
        App first = instance(kind.backend.get());
        App second = instance(kind.backend.get());
        String channel = "user:" + UUID.randomUUID();
        try (TestClient a = serve(first);
                TestClient b = serve(second);
                Subscriber onSecond = second.plugins().get(ChannelsPlugin.class).subscribe(channel);
                Subscriber onFirst = first.plugins().get(ChannelsPlugin.class).subscribe(channel)) {
            TestResponse published = a.request("POST", "/publish/" + channel)
                    .text("hello from A")
                    .send();
            assertThat(published.status()).isEqualTo(201);
            assertThat(onSecond.next(WAIT).map(ChannelEvent::text)).contains("hello from A");
            assertThat(onFirst.next(WAIT).map(ChannelEvent::text))
                    .as("the publishing instance hears it too")
                    .contains("hello from A");

            b.request("POST", "/publish/" + channel).text("hello from B").send();
            assertThat(onFirst.next(WAIT).map(ChannelEvent::text)).contains("hello from B");
            assertThat(onSecond.next(WAIT).map(ChannelEvent::text)).contains("hello from B");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEventPublishedOnOneInstanceReachesWebSocketClientsOfTheOther(Kind kind) {
        App first = instance(kind.backend.get());
        App second = instance(kind.backend.get());
        String channel = "user:" + UUID.randomUUID();
        try (TestClient a = serve(first);
                TestClient b = serve(second);
                WebSocketTestSession onSecond = b.websocketConnect("/ws/" + channel);
                WebSocketTestSession onFirst = a.websocketConnect("/ws/" + channel)) {
            assertThat(a.request("POST", "/publish/" + channel)
                            .text("to every socket")
                            .send()
                            .status())
                    .isEqualTo(201);
            assertThat(onSecond.receiveText(WAIT)).isEqualTo("to every socket");
            assertThat(onFirst.receiveText(WAIT)).isEqualTo("to every socket");
        }
    }

    @AfterAll
    static void removeStreams() {
        RedisClient client = RedisClient.create(RedisStoreTest.URL);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            List<String> keys = raw.sync().keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                raw.sync().unlink(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}

package dev.rigel.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.channels.ChannelEvent;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.ChannelsUnavailableException;
import dev.rigel.channels.Subscriber;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.CuttableProxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 21 for the PostgreSQL channels backend: while the database cannot be reached, publishing
 * is a 503 with {@code Retry-After} and new subscriptions are refused, fast and without an ERROR
 * line per request; when it is back, the backend has reconnected on its own.
 */
class PostgresChannelsOutageTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static TestClient open(App app, Transport transport) {
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, java.net.URI.create(server.url()), server::stop);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnreachableDatabaseRefusesPublishAndSubscribeAndTheBackendRecovers(Transport transport) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (CuttableProxy proxy = new CuttableProxy(5432)) {
            PostgresChannelsBackend backend = PostgresChannelsBackend.builder(
                            "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?user=postgres")
                    .applicationName("rigel-outage-" + UUID.randomUUID())
                    .prefix("rigel-outage-" + UUID.randomUUID() + ":")
                    .commandTimeout(Duration.ofSeconds(1))
                    .build();
            ChannelsPlugin channels = ChannelsPlugin.builder(backend)
                    .arbitraryChannelsAllowed(true)
                    .build();
            App app = App.builder()
                    .plugins(channels)
                    .routeHandlers(Route.post("/publish/{channel:str}", (String channel) -> {
                        channels.publish("hello", channel);
                        return Map.of("published", channel);
                    }))
                    .build();
            try (TestClient client = open(app, transport)) {
                try (Subscriber subscriber = channels.subscribe("news")) {
                    assertThat(client.post("/publish/news", Map.of()).status()).isEqualTo(201);
                    assertThat(subscriber.next(Duration.ofSeconds(5)).map(ChannelEvent::text))
                            .contains("hello");

                    proxy.cut();
                    await(() -> !backend.isAvailable(), "the backend to notice the outage");
                    long start = System.nanoTime();
                    TestResponse refused = client.post("/publish/news", Map.of());
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.header("retry-after")).isNotNull();
                    assertThatThrownBy(() -> channels.subscribe("other"))
                            .isInstanceOf(ChannelsUnavailableException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

                    proxy.restore();
                    await(backend::isAvailable, "the backend to reconnect");
                    await(() -> client.post("/publish/news", Map.of()).status() == 201, "publishing to work again");
                    assertThat(subscriber.next(Duration.ofSeconds(5)).map(ChannelEvent::text))
                            .contains("hello");
                }
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list.stream()
                        .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                        .map(ILoggingEvent::getFormattedMessage))
                .as("ERROR lines logged")
                .isEmpty();
    }
}

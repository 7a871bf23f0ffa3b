package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import dev.rigel.App;
import dev.rigel.channels.ChannelEvent;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.ChannelsUnavailableException;
import dev.rigel.channels.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a private redis-server under a running subscriber: during the outage publishing and new
 * subscriptions (also to a channel another subscriber holds) fail at once with a
 * {@link ChannelsUnavailableException}, the outage is logged once, and after a restart on the same
 * port the backend has reconnected and resubscribed on its own.
 */
class RedisChannelsOutageTest {

    enum Kind {
        PUB_SUB(url -> RedisChannelsPubSubBackend.builder(url).build(), RedisChannelsPubSubBackend.class),
        STREAMS(
                url -> RedisChannelsStreamBackend.builder(url)
                        .history(10)
                        .streamTtl(Duration.ofMinutes(1))
                        .build(),
                RedisChannelsStreamBackend.class);

        final Function<String, ChannelsBackend> backend;
        final String logger;

        Kind(Function<String, ChannelsBackend> backend, Class<?> type) {
            this.backend = backend;
            this.logger = type.getName();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theBackendOutlivesARedisRestart(Kind kind) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start();
                CapturedLogs logs = new CapturedLogs(kind.logger)) {
            ChannelsPlugin channels = ChannelsPlugin.builder(kind.backend.apply(redis.url()))
                    .arbitraryChannelsAllowed(true)
                    .build();
            App app = App.builder().plugins(channels).build();
            app.startup();
            String channel = "restart";
            try (Subscriber subscriber = channels.subscribe(channel)) {
                channels.publish("before", channel);
                assertThat(subscriber.next(Duration.ofSeconds(5)).map(ChannelEvent::text))
                        .contains("before");

                redis.kill();
                // the client learns of the dropped connection on its event thread, a moment after
                // the process died: until then a subscription the backend already holds is still
                // taken as live, so the refusals are asserted once the outage is known (logged)
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (logs.at(Level.WARN, kind.logger).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () -> {
                            for (int i = 0; i < 20; i++) {
                                assertThatThrownBy(() -> channels.publish("during", channel))
                                        .isInstanceOf(ChannelsUnavailableException.class)
                                        .hasMessageContaining("channels [" + channel + "]");
                                assertThatThrownBy(() -> channels.subscribe("other"))
                                        .isInstanceOf(ChannelsUnavailableException.class);
                                assertThatThrownBy(() -> channels.subscribe(channel))
                                        .as("a channel held at the backend by another subscriber hears nothing either")
                                        .isInstanceOf(ChannelsUnavailableException.class);
                            }
                        },
                        "nothing may hang while Redis is down");
                assertThat(logs.at(Level.WARN, kind.logger))
                        .as("the outage is logged once")
                        .hasSize(1)
                        .first()
                        .asString()
                        .contains("Redis channels backend at 127.0.0.1:" + redis.port() + " is unavailable");

                redis.restart();
                // the subscription comes back by itself: publish until an event gets through
                assertTimeoutPreemptively(
                        Duration.ofSeconds(20),
                        () -> {
                            for (int attempt = 0; ; attempt++) {
                                try {
                                    channels.publish("after " + attempt, channel);
                                } catch (ChannelsException stillReconnecting) {
                                    Thread.sleep(100);
                                    continue;
                                }
                                Optional<ChannelEvent> event = subscriber.next(Duration.ofMillis(300));
                                if (event.isPresent()) {
                                    assertThat(event.get().text()).startsWith("after ");
                                    return;
                                }
                            }
                        },
                        "the backend reconnects and resubscribes after Redis is back");
                assertThat(subscriber.channels()).containsExactly(channel);
                channels.subscribe("other").close();
                assertThat(logs.at(Level.INFO, kind.logger))
                        .as("and its end once")
                        .containsExactly(kind.logger + ": Redis channels backend at 127.0.0.1:" + redis.port()
                                + " is available again");
                assertThat(logs.at(Level.WARN, kind.logger)).hasSize(1);
                assertThat(logs.at(Level.ERROR)).isEqualTo(List.of());
            } finally {
                app.shutdown();
            }
            assertThat(logs.at(Level.WARN, kind.logger))
                    .as("stopping the backend is no outage")
                    .hasSize(1);
        }
    }
}

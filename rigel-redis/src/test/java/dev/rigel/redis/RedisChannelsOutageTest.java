package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rigel.App;
import dev.rigel.channels.ChannelEvent;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.Subscriber;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restarts the machine's Redis under a running subscriber: publishing during the outage fails at
 * once with a clear exception, and afterwards the backend has reconnected and resubscribed on its
 * own. Redis is always started again, even when the test fails.
 */
class RedisChannelsOutageTest {

    static final String PREFIX = "rigel-test-outage-" + UUID.randomUUID() + ":";

    enum Kind {
        PUB_SUB(() -> RedisChannelsPubSubBackend.builder(RedisStoreTest.URL)
                .prefix(PREFIX)
                .build()),
        STREAMS(() -> RedisChannelsStreamBackend.builder(RedisStoreTest.URL)
                .prefix(PREFIX)
                .history(10)
                .streamTtl(Duration.ofMinutes(1))
                .build());

        final Supplier<ChannelsBackend> backend;

        Kind(Supplier<ChannelsBackend> backend) {
            this.backend = backend;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theBackendOutlivesARedisRestart(Kind kind) throws Exception {
        ChannelsPlugin channels = ChannelsPlugin.builder(kind.backend.get())
                .arbitraryChannelsAllowed(true)
                .build();
        App app = App.builder().plugins(channels).build();
        app.startup();
        String channel = "restart-" + UUID.randomUUID();
        try (Subscriber subscriber = channels.subscribe(channel)) {
            channels.publish("before", channel);
            assertThat(subscriber.next(Duration.ofSeconds(5)).map(ChannelEvent::text))
                    .contains("before");

            try {
                LocalRedis.shutdown();
                assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () -> {
                            assertThatThrownBy(() -> channels.publish("during", channel))
                                    .isInstanceOf(ChannelsException.class)
                                    .hasMessageContaining("Publishing to channels [" + channel
                                            + "] failed on Redis at 127.0.0.1:6379");
                            assertThatThrownBy(() -> channels.subscribe("other-" + channel))
                                    .isInstanceOf(ChannelsException.class)
                                    .hasMessageContaining("on Redis at 127.0.0.1:6379");
                        },
                        "nothing may hang while Redis is down");
            } finally {
                LocalRedis.start();
            }

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
        } finally {
            app.shutdown();
            cleanUp();
        }
    }

    private static void cleanUp() {
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

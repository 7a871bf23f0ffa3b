package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsBackendContract;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.Subscriber;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The channels contract on Redis Streams, against the Redis server on this machine. */
class RedisChannelsStreamBackendTest extends ChannelsBackendContract {

    static final String PREFIX = "rigel-test-streams-" + UUID.randomUUID() + ":";
    static RedisClient rawClient;
    static StatefulRedisConnection<String, String> raw;

    @BeforeAll
    static void connect() {
        rawClient = RedisClient.create(RedisStoreTest.URL);
        raw = rawClient.connect();
    }

    @AfterAll
    static void removeStreams() {
        List<String> keys = raw.sync().keys(PREFIX + "*");
        if (!keys.isEmpty()) {
            raw.sync().unlink(keys.toArray(String[]::new));
        }
        raw.close();
        rawClient.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    protected ChannelsBackend createBackend() {
        return RedisChannelsStreamBackend.builder(RedisStoreTest.URL)
                .prefix(PREFIX)
                .history(historySize())
                .capStreamsApproximate(false)
                .streamTtl(Duration.ofMinutes(5))
                .build();
    }

    /**
     * Above the largest burst a test publishes (200 events), because a stream is also its readers'
     * buffer: events trimmed before a busy reader got to them are lost to it.
     */
    @Override
    protected int historySize() {
        return 300;
    }

    @Test
    void eachChannelIsATrimmedStreamWithItsTtl() {
        String logged = channel("logged");
        for (int i = 0; i < historySize() + 5; i++) {
            channels.publish("event " + i, logged);
        }
        assertThat(raw.sync().xlen(PREFIX + logged))
                .as("MAXLEN = history, trimmed exactly here")
                .isEqualTo(historySize());
        assertThat(raw.sync().pttl(PREFIX + logged))
                .isBetween(
                        Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
    }

    @Test
    void approximateTrimmingStillAnswersAtMostTheHistory() {
        ChannelsPlugin approximate =
                startPlugin(ChannelsPlugin.builder(RedisChannelsStreamBackend.builder(RedisStoreTest.URL)
                                .prefix(PREFIX)
                                .history(3)
                                .streamTtl(Duration.ZERO)
                                .build())
                        .arbitraryChannelsAllowed(true));
        String lazy = channel("lazy");
        for (int i = 0; i < 20; i++) {
            approximate.publish("event " + i, lazy);
        }
        assertThat(approximate.getHistory(lazy, 100).stream().map(String::new).toList())
                .containsExactly("event 17", "event 18", "event 19");
        assertThat(raw.sync().pttl(PREFIX + lazy))
                .as("a zero TTL keeps the stream")
                .isEqualTo(-1);
    }

    @Test
    void theHistoryIsSharedByEveryInstanceOnTheRedis() throws Exception {
        String shared = channel("shared");
        channels.publish("from the first instance", shared);
        ChannelsPlugin second =
                startPlugin(ChannelsPlugin.builder(createBackend()).arbitraryChannelsAllowed(true));
        try (Subscriber subscriber = second.subscribe(List.of(shared), 5)) {
            assertThat(nextEvent(subscriber).text()).isEqualTo("from the first instance");
            channels.publish("live from the first", shared);
            assertThat(nextEvent(subscriber).text()).isEqualTo("live from the first");
        }
    }
}

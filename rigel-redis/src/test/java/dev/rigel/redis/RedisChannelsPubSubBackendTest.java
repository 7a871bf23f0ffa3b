package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsBackendContract;
import dev.rigel.channels.Subscriber;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The channels contract on Redis Pub/Sub, against the Redis server on this machine. */
class RedisChannelsPubSubBackendTest extends ChannelsBackendContract {

    static final String PREFIX = "rigel-test-pubsub-" + UUID.randomUUID() + ":";

    @Override
    protected ChannelsBackend createBackend() {
        return RedisChannelsPubSubBackend.builder(RedisStoreTest.URL)
                .prefix(PREFIX)
                .build();
    }

    @Override
    protected int historySize() {
        return 0;
    }

    @Test
    void eventsAreRedisMessagesOnPrefixedChannels() throws Exception {
        String news = channel("news");
        RedisClient client = RedisClient.create(RedisStoreTest.URL);
        try (StatefulRedisConnection<String, String> raw = client.connect();
                Subscriber subscriber = channels.subscribe(news)) {
            assertThat(raw.sync().pubsubChannels(PREFIX + "*")).containsExactly(PREFIX + news);
            // another Redis client publishing to the prefixed channel reaches Rigel's subscriber
            raw.sync().publish(PREFIX + news, "from outside");
            assertThat(nextEvent(subscriber).text()).isEqualTo("from outside");
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}

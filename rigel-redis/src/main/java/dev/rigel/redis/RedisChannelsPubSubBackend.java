package dev.rigel.redis;

import dev.rigel.channels.ChannelEventListener;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsException;
import dev.rigel.redis.internal.ChannelsRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channels backend on Redis Pub/Sub ({@code PUBLISH} / {@code SUBSCRIBE}): every app instance on
 * the same Redis receives what any of them publishes, with the lowest latency Redis offers, but no
 * history and no delivery to an instance that is disconnected at the time.
 *
 * <ul>
 *   <li>A channel {@code news} is the Redis channel {@code rigel:channels:news} (the prefix is
 *       configurable), so several apps can share one Redis.</li>
 *   <li>Subscriptions live on one dedicated Pub/Sub connection; publishing uses a second one.</li>
 *   <li>When Redis goes away, Lettuce reconnects (50 ms, backing off to 1 s) and subscribes the
 *       connection to its channels again. Meanwhile {@link #isAvailable()} is false, so publish
 *       and subscribe fail at once with a {@link dev.rigel.channels.ChannelsUnavailableException}
 *       (a 503 when it escapes a handler); events published elsewhere meanwhile are lost to this
 *       instance. The outage is logged once when it starts (WARN) and once when it ends (INFO).</li>
 * </ul>
 */
public final class RedisChannelsPubSubBackend implements ChannelsBackend {

    private static final Logger LOG = LoggerFactory.getLogger(RedisChannelsPubSubBackend.class);

    /** The prefix of Redis channel names when none is configured. */
    public static final String DEFAULT_PREFIX = "rigel:channels:";

    private final String url;
    private final String prefix;
    private final Duration commandTimeout;
    private volatile Connected connected;

    private record Connected(
            ChannelsRedisClient redis,
            StatefulRedisPubSubConnection<String, byte[]> subscriptions,
            StatefulRedisConnection<String, byte[]> publisher) {}

    private RedisChannelsPubSubBackend(Builder builder) {
        this.url = builder.url;
        this.prefix = builder.prefix;
        this.commandTimeout = builder.commandTimeout;
    }

    /** A backend on the Redis at {@code url}, e.g. {@code redis://127.0.0.1:6379/0}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    @Override
    public void start(ChannelEventListener listener) {
        ChannelsRedisClient redis = new ChannelsRedisClient(url, commandTimeout, Duration.ZERO, LOG);
        try {
            StatefulRedisPubSubConnection<String, byte[]> subscriptions =
                    redis.client().connectPubSub(RedisStore.codec());
            subscriptions.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    if (channel.startsWith(prefix)) {
                        listener.onEvent(channel.substring(prefix.length()), message);
                    }
                }
            });
            StatefulRedisConnection<String, byte[]> publisher = redis.client().connect(RedisStore.codec());
            connected = new Connected(redis, subscriptions, publisher);
        } catch (RuntimeException e) {
            redis.close();
            throw redis.failure("Connecting the channels backend", e);
        }
    }

    @Override
    public void stop() {
        Connected current = connected;
        connected = null;
        if (current != null) {
            current.redis().beginClose();
            current.subscriptions().close();
            current.publisher().close();
            current.redis().close();
        }
    }

    @Override
    public void publish(byte[] data, Collection<String> channels) {
        Connected current = running();
        // one round trip for all channels: the commands are pipelined, then awaited together
        List<RedisFuture<Long>> sent = new ArrayList<>(channels.size());
        for (String channel : channels) {
            sent.add(current.publisher().async().publish(prefix + channel, data));
        }
        long deadline = System.nanoTime() + commandTimeout.toNanos();
        for (RedisFuture<Long> future : sent) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw current.redis()
                        .failure(
                                "Publishing to channels " + channels,
                                e.getCause() instanceof RuntimeException cause
                                        ? cause
                                        : new IllegalStateException(e.getCause()));
            } catch (TimeoutException e) {
                throw current.redis().timedOut("Publishing to channels " + channels, commandTimeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelsException("Interrupted while publishing to channels " + channels, e);
            }
        }
        current.redis().succeeded();
    }

    @Override
    public void subscribe(Collection<String> channels) {
        Connected current = running();
        try {
            current.subscriptions().sync().subscribe(keys(channels));
        } catch (RuntimeException e) {
            throw current.redis().failure("Subscribing to channels " + channels, e);
        }
        current.redis().succeeded();
    }

    @Override
    public void unsubscribe(Collection<String> channels) {
        Connected current = running();
        try {
            current.subscriptions().sync().unsubscribe(keys(channels));
        } catch (RuntimeException e) {
            throw current.redis().failure("Unsubscribing from channels " + channels, e);
        }
    }

    /** False from the moment a connection drops until Lettuce has it back. */
    @Override
    public boolean isAvailable() {
        Connected current = connected;
        return current != null && current.redis().available();
    }

    private String[] keys(Collection<String> channels) {
        return channels.stream().map(channel -> prefix + channel).toArray(String[]::new);
    }

    private Connected running() {
        Connected current = connected;
        if (current == null) {
            throw new ChannelsException(this + " is not started");
        }
        return current;
    }

    @Override
    public String toString() {
        return "RedisChannelsPubSubBackend(prefix " + prefix + ")";
    }

    /** Configures a {@link RedisChannelsPubSubBackend}. */
    public static final class Builder {
        private final String url;
        private String prefix = DEFAULT_PREFIX;
        private Duration commandTimeout = Duration.ofSeconds(2);

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** What every Redis channel name starts with (default {@value RedisChannelsPubSubBackend#DEFAULT_PREFIX}). */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** How long a publish or subscribe may take before it fails (default 2 s). */
        public Builder commandTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, got " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        public RedisChannelsPubSubBackend build() {
            return new RedisChannelsPubSubBackend(this);
        }
    }
}

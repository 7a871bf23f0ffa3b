package dev.rigel.redis;

import dev.rigel.channels.ChannelEventListener;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsUnavailableException;
import dev.rigel.redis.internal.ChannelsRedisClient;
import dev.rigel.redis.internal.StreamIds;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channels backend on Redis Streams: every channel is a stream ({@code rigel:channels:news} for
 * {@code news}) that keeps its last {@code history} events, so new subscribers can be sent the
 * past and an instance that reconnects reads what it missed while the stream kept it.
 *
 * <ul>
 *   <li>Publishing runs one Lua script: for each channel {@code XADD key MAXLEN ~ history * data …}
 *       and {@code PEXPIRE key streamTtl}, so a channel nobody publishes to disappears after the
 *       TTL. With {@code capStreamsApproximate} (the default) Redis trims lazily ({@code ~}), which
 *       is cheaper and may keep a few more entries; {@link #getHistory} still answers at most
 *       {@code history}.</li>
 *   <li>One reader thread loops {@code XREAD BLOCK} over every subscribed stream on its own
 *       connection, remembering the last id it saw per stream. Subscribing records the stream's
 *       current last id first, so nothing published after {@code subscribe} returned is missed,
 *       and wakes the blocked read with {@code CLIENT UNBLOCK} so the new stream is read at once
 *       (if the read was just being sent, the new stream's first events wait for the block time,
 *       one second, but are not lost).</li>
 *   <li>When Redis goes away, Lettuce reconnects (50 ms, backing off to 1 s) and the reader resumes
 *       from the ids it remembered: events still in the streams are delivered. Meanwhile
 *       {@link #isAvailable()} is false and publish, subscribe and history fail at once with a
 *       {@link ChannelsUnavailableException} (a 503 when it escapes a handler). The outage is
 *       logged once when it starts (WARN) and once when it ends (INFO).</li>
 *   <li>The stream is also the reader's buffer: if more than {@code history} events are published
 *       to a channel before this instance's reader gets to them, the ones trimmed meanwhile are
 *       lost to it. Choose a history above the bursts you expect.</li>
 * </ul>
 *
 * Not for Redis Cluster: one publish touches several streams in one script.
 */
public final class RedisChannelsStreamBackend implements ChannelsBackend {

    private static final Logger LOG = LoggerFactory.getLogger(RedisChannelsStreamBackend.class);

    /** The prefix of stream keys when none is configured. */
    public static final String DEFAULT_PREFIX = "rigel:channels:";

    private static final String DATA_FIELD = "data";
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final int READ_BATCH = 500;
    private static final String PUBLISH_SCRIPT = """
            local trim = ARGV[2]
            local maxlen = ARGV[3]
            local ttl = tonumber(ARGV[4])
            for _, key in ipairs(KEYS) do
              redis.call('XADD', key, 'MAXLEN', trim, maxlen, '*', 'data', ARGV[1])
              if ttl > 0 then
                redis.call('PEXPIRE', key, ttl)
              end
            end
            return #KEYS
            """;
    private static final String PUBLISH_SHA = sha1(PUBLISH_SCRIPT);

    private final String url;
    private final String prefix;
    private final int history;
    private final Duration streamTtl;
    private final boolean capStreamsApproximate;
    private final Duration commandTimeout;

    /** Subscribed stream keys and the id of the last entry delivered (or present when subscribing). */
    private final Map<String, String> streams = new ConcurrentHashMap<>();

    private final ReentrantLock readerLock = new ReentrantLock();
    private final Condition subscriptionsChanged = readerLock.newCondition();
    private volatile Connected connected;

    private final class Connected {
        final ChannelsRedisClient redis;
        final StatefulRedisConnection<String, byte[]> commands;
        final StatefulRedisConnection<String, byte[]> reading;
        final ChannelEventListener listener;
        final Thread reader;
        volatile boolean running = true;
        // the reader connection's CLIENT ID, to wake its XREAD; refreshed since reconnects change it
        volatile long readerClientId = -1;

        Connected(ChannelsRedisClient redis, ChannelEventListener listener) {
            this.redis = redis;
            this.listener = listener;
            this.commands = redis.client().connect(RedisStore.codec());
            this.reading = redis.client().connect(RedisStore.codec());
            this.reader = Thread.ofPlatform()
                    .daemon()
                    .name("rigel-channels-redis-stream-reader")
                    .unstarted(this::readLoop);
        }

        void close() {
            redis.beginClose();
            running = false;
            wakeReader(this);
            reading.close();
            commands.close();
            try {
                reader.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redis.close();
        }

        private void readLoop() {
            boolean failing = false;
            long backoffMillis = 50;
            while (running) {
                try {
                    if (!awaitSubscriptions()) {
                        continue;
                    }
                    if (readerClientId < 0) {
                        readerClientId = reading.sync().clientId();
                    }
                    List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>(streams.size());
                    streams.forEach((key, lastId) -> offsets.add(XReadArgs.StreamOffset.from(key, lastId)));
                    if (offsets.isEmpty()) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    List<StreamMessage<String, byte[]>> messages = reading.sync()
                            .xread(
                                    XReadArgs.Builder.block(BLOCK).count(READ_BATCH),
                                    offsets.toArray(XReadArgs.StreamOffset[]::new));
                    if (failing) {
                        redis.succeeded();
                        failing = false;
                        backoffMillis = 50;
                    }
                    if (messages.isEmpty()) {
                        // timed out or woken: a good moment to learn the id again after a reconnect
                        readerClientId = -1;
                        continue;
                    }
                    deliver(messages);
                } catch (RedisException e) {
                    if (!running) {
                        return;
                    }
                    readerClientId = -1;
                    if (!failing) {
                        // an outage is logged once by the client; anything else (Redis refused the read) here
                        ChannelsException failure = redis.failure("Reading channel streams", e);
                        if (!(failure instanceof ChannelsUnavailableException)) {
                            LOG.warn("{}; retrying", failure.getMessage());
                        }
                        failing = true;
                    }
                    sleep(backoffMillis);
                    backoffMillis = Math.min(1000, backoffMillis * 2);
                } catch (RuntimeException e) {
                    LOG.error("The channels stream reader failed unexpectedly; it carries on", e);
                    sleep(backoffMillis);
                }
            }
        }

        private void deliver(List<StreamMessage<String, byte[]>> messages) {
            for (StreamMessage<String, byte[]> message : messages) {
                String key = message.getStream();
                String id = message.getId();
                boolean[] fresh = {false};
                // advance only: a stream re-subscribed meanwhile may already be further along
                streams.computeIfPresent(key, (k, lastId) -> {
                    if (StreamIds.compare(id, lastId) > 0) {
                        fresh[0] = true;
                        return id;
                    }
                    return lastId;
                });
                byte[] data = message.getBody().get(DATA_FIELD);
                if (fresh[0] && data != null) {
                    listener.onEvent(key.substring(prefix.length()), data);
                }
            }
        }

        /** Waits while nothing is subscribed; false when woken without subscriptions. */
        private boolean awaitSubscriptions() {
            readerLock.lock();
            try {
                if (streams.isEmpty() && running) {
                    subscriptionsChanged.await(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
                }
                return !streams.isEmpty();
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
                return false;
            } finally {
                readerLock.unlock();
            }
        }
    }

    private RedisChannelsStreamBackend(Builder builder) {
        this.url = builder.url;
        this.prefix = builder.prefix;
        this.history = builder.history;
        this.streamTtl = builder.streamTtl;
        this.capStreamsApproximate = builder.capStreamsApproximate;
        this.commandTimeout = builder.commandTimeout;
    }

    /** A backend on the Redis at {@code url}, e.g. {@code redis://127.0.0.1:6379/0}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    @Override
    public void start(ChannelEventListener listener) {
        ChannelsRedisClient redis = new ChannelsRedisClient(url, commandTimeout, BLOCK, LOG);
        Connected started;
        try {
            started = new Connected(redis, listener);
        } catch (RuntimeException e) {
            redis.close();
            throw redis.failure("Connecting the channels backend", e);
        }
        streams.clear();
        connected = started;
        started.reader.start();
    }

    @Override
    public void stop() {
        Connected current = connected;
        connected = null;
        streams.clear();
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void publish(byte[] data, Collection<String> channels) {
        Connected current = running();
        String[] keys = keys(channels);
        byte[][] args = {
            data,
            ascii(capStreamsApproximate ? "~" : "="),
            ascii(Integer.toString(history)),
            ascii(Long.toString(streamTtl.toMillis()))
        };
        RedisCommands<String, byte[]> redis = current.commands.sync();
        try {
            try {
                redis.evalsha(PUBLISH_SHA, ScriptOutputType.INTEGER, keys, args);
            } catch (RedisNoScriptException e) {
                // a restarted or flushed Redis forgot the script: send it whole (and cache it again)
                redis.eval(PUBLISH_SCRIPT, ScriptOutputType.INTEGER, keys, args);
            }
        } catch (RuntimeException e) {
            throw current.redis.failure("Publishing to channels " + channels, e);
        }
        current.redis.succeeded();
    }

    @Override
    public void subscribe(Collection<String> channels) {
        Connected current = running();
        try {
            for (String key : keys(channels)) {
                if (!streams.containsKey(key)) {
                    streams.putIfAbsent(key, lastId(current, key));
                }
            }
        } catch (RuntimeException e) {
            throw current.redis.failure("Subscribing to channels " + channels, e);
        }
        current.redis.succeeded();
        wakeReader(current);
    }

    /** The id of the newest entry, so reading starts after it; 0-0 for a stream that does not exist yet. */
    private static String lastId(Connected current, String key) {
        List<StreamMessage<String, byte[]>> newest =
                current.commands.sync().xrevrange(key, Range.unbounded(), Limit.from(1));
        return newest.isEmpty() ? "0-0" : newest.getFirst().getId();
    }

    @Override
    public void unsubscribe(Collection<String> channels) {
        running();
        for (String key : keys(channels)) {
            streams.remove(key);
        }
    }

    private void wakeReader(Connected current) {
        readerLock.lock();
        try {
            subscriptionsChanged.signalAll();
        } finally {
            readerLock.unlock();
        }
        long id = current.readerClientId;
        if (id >= 0 && current.running) {
            try {
                current.commands.sync().clientUnblock(id, UnblockType.TIMEOUT);
            } catch (RuntimeException e) {
                // the read then ends by its block timeout; nothing is lost, the new stream starts late
                LOG.debug("Could not wake the channels stream reader", e);
            }
        }
    }

    /** False from the moment a connection drops until Lettuce has it back. */
    @Override
    public boolean isAvailable() {
        Connected current = connected;
        return current != null && current.redis.available();
    }

    @Override
    public boolean hasHistory() {
        return true;
    }

    @Override
    public List<byte[]> getHistory(String channel, int limit) {
        Connected current = running();
        int count = Math.min(limit, history);
        if (count <= 0) {
            return List.of();
        }
        List<StreamMessage<String, byte[]>> newestFirst;
        try {
            newestFirst = current.commands.sync().xrevrange(prefix + channel, Range.unbounded(), Limit.from(count));
        } catch (RuntimeException e) {
            throw current.redis.failure("Reading the history of channel " + channel, e);
        }
        List<byte[]> events = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            byte[] data = newestFirst.get(i).getBody().get(DATA_FIELD);
            if (data != null) {
                events.add(data);
            }
        }
        return events;
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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    @Override
    public String toString() {
        return "RedisChannelsStreamBackend(prefix " + prefix + ", history " + history + ")";
    }

    /** Configures a {@link RedisChannelsStreamBackend}. */
    public static final class Builder {
        private final String url;
        private String prefix = DEFAULT_PREFIX;
        private int history = 100;
        private Duration streamTtl = Duration.ofMinutes(1);
        private boolean capStreamsApproximate = true;
        private Duration commandTimeout = Duration.ofSeconds(2);

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** What every stream key starts with (default {@value RedisChannelsStreamBackend#DEFAULT_PREFIX}). */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** How many events each channel's stream keeps (default 100). */
        public Builder history(int history) {
            if (history < 1) {
                throw new IllegalArgumentException(
                        "history must be at least 1 (a stream holds the events it delivers), got " + history);
            }
            this.history = history;
            return this;
        }

        /**
         * How long a stream lives after its last publish (default one minute; zero keeps it
         * forever). Set on every publish with {@code PEXPIRE}.
         */
        public Builder streamTtl(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("streamTtl must not be negative, got " + ttl);
            }
            this.streamTtl = ttl;
            return this;
        }

        /** Trim streams lazily with {@code MAXLEN ~} (default true) rather than exactly. */
        public Builder capStreamsApproximate(boolean approximate) {
            this.capStreamsApproximate = approximate;
            return this;
        }

        /** How long a publish, subscribe or history read may take before it fails (default 2 s). */
        public Builder commandTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, got " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        public RedisChannelsStreamBackend build() {
            return new RedisChannelsStreamBackend(this);
        }
    }
}

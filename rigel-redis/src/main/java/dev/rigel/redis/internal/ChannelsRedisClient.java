package dev.rigel.redis.internal;

import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The Lettuce client of a channels backend: a {@link FailFastRedis} (nothing hangs, a lost server
 * is found again within a second, the outage is logged once), plus the translation of Lettuce's
 * failures into {@link ChannelsException}s that name the action and the server.
 */
public final class ChannelsRedisClient implements AutoCloseable {

    private final FailFastRedis redis;

    public ChannelsRedisClient(String url, Duration commandTimeout, Duration blockTime, Logger log) {
        this.redis = new FailFastRedis(
                url,
                commandTimeout,
                blockTime,
                log,
                "Redis channels backend",
                "publishing and new subscriptions are refused (503)");
    }

    public RedisClient client() {
        return redis.client();
    }

    /** host:port, for messages (never the URL, which may hold a password). */
    public String address() {
        return redis.address();
    }

    /** Whether every connection is up, so publishing and subscribing can work. */
    public boolean available() {
        return redis.connected();
    }

    /** A command went through: ends a known outage once all connections are back. */
    public void succeeded() {
        redis.succeeded();
    }

    /**
     * What failed against which server, with Lettuce's exception: a {@link ChannelsUnavailableException}
     * when Redis is down, slow or unreachable (and the outage is logged, once), else a
     * {@link ChannelsException} (Redis refused the command).
     */
    public ChannelsException failure(String action, RuntimeException cause) {
        String message = action + " failed on Redis at " + address() + ": " + cause.getMessage();
        if (FailFastRedis.isOutage(cause)) {
            redis.failed(cause);
            return new ChannelsUnavailableException(message, cause);
        }
        return new ChannelsException(message, cause);
    }

    /** A command got no answer within {@code timeout}: an outage. */
    public ChannelsUnavailableException timedOut(String action, Duration timeout, Exception cause) {
        String message = action + " timed out after " + timeout + " on Redis at " + address();
        redis.failed(new RedisCommandTimeoutException("no answer within " + timeout));
        return new ChannelsUnavailableException(message, cause);
    }

    /** Call before closing connections, so that their closing is not logged as an outage. */
    public void beginClose() {
        redis.beginClose();
    }

    @Override
    public void close() {
        redis.close();
    }
}

package dev.rigel.redis.internal;

import dev.rigel.channels.ChannelsException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Lettuce client set up for the channels backends: nothing may hang and a lost server must be
 * found again quickly.
 *
 * <ul>
 *   <li>Commands issued while disconnected fail at once ({@code REJECT_COMMANDS}) instead of being
 *       buffered until Redis returns, so a publish during an outage is an immediate, clear error.</li>
 *   <li>Every command expires after the command timeout; a blocking {@code XREAD} gets its block
 *       time on top.</li>
 *   <li>Reconnect attempts start after 50 ms and back off to at most one second (Lettuce's default
 *       backs off to 30 s, far too long for a broker that restarts in a second).</li>
 * </ul>
 */
public final class ChannelsRedisClient implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final String address;

    public ChannelsRedisClient(String url, Duration commandTimeout, Duration blockTime) {
        RedisURI uri = RedisURI.create(Objects.requireNonNull(url, "url"));
        // the synchronous API waits this long at most; the expiry below is what really bounds a command
        uri.setTimeout(commandTimeout.plus(blockTime).plus(commandTimeout));
        this.address = uri.getHost() + ":" + uri.getPort();
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        long commandMillis = commandTimeout.toMillis();
        long blockingMillis = commandMillis + blockTime.toMillis();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(commandTimeout)
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.builder()
                        .timeoutSource(new TimeoutOptions.TimeoutSource() {
                            @Override
                            public long getTimeout(RedisCommand<?, ?, ?> command) {
                                return command.getType() == CommandType.XREAD ? blockingMillis : commandMillis;
                            }
                        })
                        .build())
                .build());
    }

    public RedisClient client() {
        return client;
    }

    /** host:port, for messages (never the URL, which may hold a password). */
    public String address() {
        return address;
    }

    /** A {@link ChannelsException} saying what failed against which server, with Lettuce's exception. */
    public ChannelsException failure(String action, RuntimeException cause) {
        return new ChannelsException(action + " failed on Redis at " + address + ": " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

package dev.rigel.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A Lettuce client for a service that must never stall the requests using it (stores, channels),
 * and that must find a lost server again quickly.
 *
 * <ul>
 *   <li>Commands issued while disconnected fail at once ({@code REJECT_COMMANDS}) instead of being
 *       buffered until Redis returns, so during an outage no caller waits at all.</li>
 *   <li>Every command expires after the command timeout (a server that hangs with the connection
 *       open); a blocking {@code XREAD} gets its block time on top.</li>
 *   <li>Reconnect attempts start after 50 ms and back off to at most one second (Lettuce's default
 *       backs off to 30 s, far too long for a server that restarts in a second).</li>
 *   <li>It watches its connections: the outage is logged once, when the first connection drops or
 *       a call times out, and its end once, when every connection is back or a call succeeds
 *       again with all of them up ({@link OutageLog}).</li>
 * </ul>
 */
public final class FailFastRedis implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final String address;
    private final OutageLog outage;
    private final Set<RedisChannelHandler<?, ?>> disconnected =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile boolean closing;

    /**
     * @param service what the log calls it, e.g. {@code Redis store}; the address is appended
     * @param meanwhile what callers see during an outage, for the log
     */
    public FailFastRedis(
            String url, Duration commandTimeout, Duration blockTime, Logger log, String service, String meanwhile) {
        RedisURI uri = RedisURI.create(Objects.requireNonNull(url, "url"));
        // the synchronous API waits this long at most; the expiry below is what really bounds a command
        uri.setTimeout(commandTimeout.plus(blockTime).plus(commandTimeout));
        this.address = uri.getHost() + ":" + uri.getPort();
        this.outage = new OutageLog(log, service + " at " + address, meanwhile);
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
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress server) {
                disconnected.remove(connection);
                if (disconnected.isEmpty()) {
                    outage.ended();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closing) {
                    disconnected.add(connection);
                    outage.started("the connection was lost");
                }
            }
        });
    }

    public RedisClient client() {
        return client;
    }

    /** host:port, for messages (never the URL, which may hold a password). */
    public String address() {
        return address;
    }

    /** Whether every connection of this client is up (as far as Lettuce has noticed). */
    public boolean connected() {
        return disconnected.isEmpty();
    }

    /** Whether a call failed with {@code e} because Redis is down, slow or unreachable (not because it refused the command). */
    public static boolean isOutage(RuntimeException e) {
        return e instanceof RedisException && !(e instanceof RedisCommandExecutionException);
    }

    /**
     * A call failed because of an outage. Only a timeout starts one here: it is the outage the
     * connection events cannot see (a server that hangs with the connection open). Every other
     * failure to reach Redis comes from a dropped connection, whose event logs it; logging it from
     * the call too would log a second outage for a command rejected in the moment between the
     * connection's return and its handshake.
     */
    public void failed(RuntimeException cause) {
        if (cause instanceof RedisCommandTimeoutException) {
            outage.started(cause.getMessage());
        }
    }

    /** A call succeeded: ends a known outage once every connection is up again. */
    public void succeeded() {
        if (outage.isDown() && connected()) {
            outage.ended();
        }
    }

    /** From now on a dropped connection is being closed on purpose, not an outage. */
    public void beginClose() {
        closing = true;
    }

    @Override
    public void close() {
        closing = true;
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.rigel.stores.StoreUnavailableException;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link RedisStore} whose server dies or hangs never stalls its caller: every call fails within
 * the command timeout with a {@link StoreUnavailableException} (at once while the connection is
 * known to be down), the outage is logged once, and the store works again when the server is back.
 * Each test runs its own redis-server, never the machine's shared one.
 */
class RedisStoreOutageTest {

    PrivateRedis server;
    RedisStore store;

    @BeforeEach
    void startServer() throws Exception {
        server = PrivateRedis.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (store != null) {
            store.close();
        }
        server.close();
    }

    /** Every operation of the store, by name. */
    static Map<String, ThrowingCallable> everyOperation(RedisStore store) {
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("get", () -> store.get("k"));
        calls.put("renewing get", () -> store.get("k", Duration.ofMinutes(1)));
        calls.put("set", () -> store.set("k", "v", Duration.ofMinutes(1)));
        calls.put("set forever", () -> store.set("k", "v"));
        calls.put("delete", () -> store.delete("k"));
        calls.put("deleteAll", store::deleteAll);
        calls.put("exists", () -> store.exists("k"));
        calls.put("expiresIn", () -> store.expiresIn("k"));
        calls.put("increment", () -> store.increment("n", Duration.ofMinutes(1)));
        calls.put("namespace view", () -> store.withNamespace("view").get("k"));
        return calls;
    }

    static void assertEachFailsWithin(RedisStore store, Duration limit) {
        everyOperation(store).forEach((name, call) -> {
            long start = System.nanoTime();
            assertThatThrownBy(call)
                    .as(name)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as(name + " must fail fast")
                    .isLessThan(limit);
        });
    }

    @Test
    void aKilledServerFailsEveryCallAtOnceAndTheStoreRecoversWhenItIsBack() throws Exception {
        store = RedisStore.connect(server.url(), "outage");
        store.set("k", "before");
        try (CapturedLogs logs = new CapturedLogs(RedisStore.class.getName())) {
            server.kill();
            // a call sent in the instant before the client's event loop sees the connection close
            // may wait out the default one-second command timeout, but no longer
            long first = System.nanoTime();
            assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - first)).isLessThan(Duration.ofMillis(2000));
            // once the connection is known down, no call waits for the timeout
            for (int round = 0; round < 5; round++) {
                assertEachFailsWithin(store, Duration.ofMillis(1000));
            }
            assertThat(logs.at(Level.WARN, RedisStore.class.getName()))
                    .as("the outage is logged once, not per call")
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains("Redis store at 127.0.0.1:" + server.port() + " is unavailable");

            server.restart();
            awaitRecovery(store);
            store.set("k", "after");
            assertThat(store.getString("k")).contains("after");
            assertThat(store.increment("n", Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(logs.at(Level.INFO, RedisStore.class.getName()))
                    .as("and its end once")
                    .containsExactly(RedisStore.class.getName() + ": Redis store at 127.0.0.1:" + server.port()
                            + " is available again");
            assertThat(logs.at(Level.WARN, RedisStore.class.getName())).hasSize(1);
            assertThat(logs.at(Level.ERROR)).isEmpty();
            store.close();
            store = null;
            assertThat(logs.at(Level.WARN, RedisStore.class.getName()))
                    .as("closing the store is no outage")
                    .hasSize(1);
        }
    }

    @Test
    void aHangingServerFailsEachCallAfterTheConfiguredTimeout() throws Exception {
        store = RedisStore.builder(server.url())
                .namespace("hang")
                .commandTimeout(Duration.ofMillis(300))
                .build();
        store.set("k", "before");
        try (CapturedLogs logs = new CapturedLogs(RedisStore.class.getName())) {
            server.freeze();
            try {
                // the connection stays open, so only the timeout can end a call (Lettuce's default: 60 s)
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.get("k"))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("GET on Redis at 127.0.0.1:" + server.port())
                        .hasCauseInstanceOf(RedisCommandTimeoutException.class);
                assertThat(logs.at(Level.WARN, RedisStore.class.getName()))
                        .as("a timeout starts an outage the connection events cannot see")
                        .singleElement()
                        .asString()
                        .contains("timed out");
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(250))
                        .isLessThan(Duration.ofMillis(1000));
                assertEachFailsWithin(store, Duration.ofMillis(1000));
            } finally {
                server.thaw();
            }
            awaitRecovery(store);
            // timed-out commands were sent and ran once the server woke: a timed-out write may land
            store.set("k", "after");
            assertThat(store.getString("k")).contains("after");
            assertThat(logs.at(Level.WARN, RedisStore.class.getName())).hasSize(1);
            assertThat(logs.at(Level.INFO, RedisStore.class.getName())).hasSize(1);
        }
    }

    @Test
    void theCommandTimeoutMustBePositive() {
        assertThatThrownBy(() -> RedisStore.builder(server.url()).commandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Writes and reads until the store answers (it reconnects on its own), for at most 10 s. */
    static void awaitRecovery(RedisStore store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                store.set("probe", "x");
                store.exists("probe");
                return;
            } catch (StoreUnavailableException stillDown) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the store did not reconnect within 10 s", stillDown);
                }
                Thread.sleep(50);
            }
        }
    }
}

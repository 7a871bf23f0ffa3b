package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.stores.Store;
import dev.rigel.stores.StoreContract;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against the Redis server on this machine. Each run works in its own random
 * namespace and leaves no key behind.
 */
class RedisStoreTest extends StoreContract {

    static final String URL = "redis://127.0.0.1:6379/0";

    static String runNamespace;
    static RedisStore root;
    static RedisClient rawClient;
    static StatefulRedisConnection<String, byte[]> raw;

    @BeforeAll
    static void connect() {
        runNamespace = "rigel-test-" + UUID.randomUUID();
        root = RedisStore.connect(URL, runNamespace);
        rawClient = RedisClient.create(URL);
        raw = rawClient.connect(RedisStore.codec());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        root.deleteAll();
        assertThat(keysStartingWith(runNamespace))
                .as("the run leaves no keys behind")
                .isEmpty();
        root.close();
        raw.close();
        rawClient.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The keys in Redis under a prefix, read without going through RedisStore. */
    static List<String> keysStartingWith(String prefix) {
        RedisCommands<String, byte[]> redis = raw.sync();
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(500);
        KeyScanCursor<String> cursor = redis.scan(args);
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), args);
            keys.addAll(cursor.getKeys());
        }
        return keys;
    }

    @Override
    protected Store createStore() {
        return root.withNamespace(UUID.randomUUID().toString());
    }

    @Test
    void keysLiveUnderTheNamespacePrefixWithTheirExpiry() {
        RedisStore sessions = root.withNamespace("sessions");
        sessions.set("abc", "data", Duration.ofMinutes(1));
        sessions.withNamespace("inner").set("k", "v");
        assertThat(sessions.keyPrefix()).isEqualTo(runNamespace + ":sessions:");
        assertThat(keysStartingWith(runNamespace + ":sessions:"))
                .containsExactlyInAnyOrder(runNamespace + ":sessions:abc", runNamespace + ":sessions:inner:k");
        assertThat(raw.sync().pttl(runNamespace + ":sessions:abc")).isBetween(50_000L, 60_000L);
        sessions.deleteAll();
        assertThat(keysStartingWith(runNamespace + ":sessions:")).isEmpty();
    }

    @Test
    void deleteAllTouchesNoKeyOutsideItsNamespace() {
        String outside = runNamespace + "-outside";
        raw.sync().set(outside, "kept".getBytes());
        try {
            // glob characters in a namespace must not widen the SCAN pattern
            Store star = root.withNamespace("*");
            root.withNamespace("a").set("k", "v");
            star.set("k", "v");
            star.deleteAll();
            assertThat(root.withNamespace("a").getString("k")).contains("v");
            root.deleteAll();
            assertThat(raw.sync().get(outside)).isEqualTo("kept".getBytes());
        } finally {
            raw.sync().del(outside);
        }
    }

    @Test
    void twoConnectionsShareOneExactCounter() throws Exception {
        String namespace = runNamespace + "-shared";
        try (RedisStore first = RedisStore.connect(URL, namespace);
                RedisStore second = RedisStore.connect(URL, namespace)) {
            List<Thread> threads = new ArrayList<>();
            for (RedisStore instance : List.of(first, second)) {
                for (int t = 0; t < 8; t++) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 50; i++) {
                            instance.increment("client-1", Duration.ofMinutes(1));
                        }
                    }));
                }
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(first.getString("client-1")).contains("800");
            first.deleteAll();
            assertThat(keysStartingWith(namespace)).isEmpty();
        }
    }

    @Test
    void closingAViewLeavesTheSharedConnectionOpen() throws Exception {
        root.withNamespace("view").close();
        root.set("still", "open");
        assertThat(root.getString("still")).contains("open");
        root.delete("still");

        try (RedisStore borrowed = RedisStore.of(raw, runNamespace + "-borrowed")) {
            borrowed.set("k", "v");
            assertThat(borrowed.getString("k")).contains("v");
            borrowed.deleteAll();
        }
        assertThat(raw.isOpen()).as("a borrowed connection stays the caller's").isTrue();
    }

    @Test
    void theDefaultNamespaceIsRigelAndCloseClosesAnOwnedConnection() throws Exception {
        RedisStore store = RedisStore.connect(URL);
        assertThat(store.keyPrefix()).isEqualTo("rigel:");
        assertThat(store.withNamespace(runNamespace).keyPrefix()).isEqualTo("rigel:" + runNamespace + ":");
        assertThat(store.exists(runNamespace)).isFalse();
        store.close();
        // Lettuce refuses commands once its client is shut down (the exception type is its own business)
        assertThatThrownBy(() -> store.exists(runNamespace)).isInstanceOf(RuntimeException.class);
    }
}

package dev.rigel.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do. A store implementation's test extends this class and says how
 * to make a fresh, empty store; rigel-redis reuses it through rigel-core's test-jar.
 */
public abstract class StoreContract {

    /** Short enough to keep the suite fast, long enough that a busy machine does not expire keys early. */
    protected static final Duration SHORT = Duration.ofMillis(150);
    /** For keys that must still be there when the test looks right after writing them. */
    protected static final Duration BRIEF = Duration.ofMillis(300);

    protected static final Duration LONG = Duration.ofMinutes(5);

    protected Store store;

    /** A new store with no keys; each test gets its own. */
    protected abstract Store createStore() throws Exception;

    /** Releases what {@link #createStore} made (keys included, for shared backends). */
    protected void destroyStore(Store store) throws Exception {
        store.deleteAll();
    }

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        destroyStore(store);
    }

    protected static String text(Optional<byte[]> value) {
        return value.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }

    /** Waits until {@code key} is gone, failing if that takes far longer than its expiry. */
    protected static void awaitExpiry(Store store, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (store.exists(key)) {
            assertThat(System.nanoTime()).as("'%s' should have expired", key).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void setGetDeleteExists() {
        assertThat(store.get("missing")).isEmpty();
        assertThat(store.exists("missing")).isFalse();

        store.set("greeting", "hello");
        assertThat(store.getString("greeting")).contains("hello");
        assertThat(store.exists("greeting")).isTrue();

        store.set("greeting", "hello again", LONG);
        assertThat(store.getString("greeting")).contains("hello again");

        store.delete("greeting");
        assertThat(store.get("greeting")).isEmpty();
        assertThat(store.exists("greeting")).isFalse();
        store.delete("greeting");
    }

    @Test
    void keysMayHoldAnyCharacter() {
        List<String> keys = List.of(
                "a:b",
                "a%3Ab",
                "A",
                "a",
                "with space/and/slashes",
                "..",
                "ünïcode ✓",
                "*?[x]",
                "x".repeat(500),
                "127.0.0.1",
                "::1");
        for (String key : keys) {
            store.set(key, "value of " + key);
        }
        for (String key : keys) {
            assertThat(store.getString(key)).as(key).contains("value of " + key);
        }
        assertThatThrownBy(() -> store.set("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryValuesRoundTrip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        store.set("bytes", all);
        assertThat(store.get("bytes"))
                .hasValueSatisfying(value -> assertThat(value).isEqualTo(all));
        store.set("empty", new byte[0]);
        assertThat(store.get("empty"))
                .hasValueSatisfying(value -> assertThat(value).isEmpty());
        assertThat(store.exists("empty")).isTrue();
    }

    @Test
    void keysExpire() throws InterruptedException {
        store.set("short", "gone soon", BRIEF);
        store.set("forever", "stays");
        assertThat(store.getString("short")).contains("gone soon");

        awaitExpiry(store, "short");
        assertThat(store.get("short")).isEmpty();
        assertThat(store.expiresIn("short")).isEmpty();
        assertThat(store.getString("forever")).contains("stays");
    }

    @Test
    void expiresInReportsTheTimeLeft() {
        store.set("timed", "x", Duration.ofSeconds(60));
        assertThat(store.expiresIn("timed"))
                .hasValueSatisfying(left -> assertThat(left).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
        store.set("untimed", "x");
        assertThat(store.expiresIn("untimed")).isEmpty();
        assertThat(store.expiresIn("missing")).isEmpty();

        store.set("timed", "x");
        assertThat(store.expiresIn("timed"))
                .as("set without expiry clears the old one")
                .isEmpty();
    }

    @Test
    void getRenewsTheExpiry() throws InterruptedException {
        store.set("session", "data", BRIEF);
        assertThat(text(store.get("session", Duration.ofSeconds(60)))).isEqualTo("data");
        assertThat(store.expiresIn("session"))
                .hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofSeconds(50)));
        Thread.sleep(BRIEF.toMillis() + 100);
        assertThat(store.getString("session"))
                .as("renewed past its first expiry")
                .contains("data");

        store.set("plain", "value");
        assertThat(text(store.get("plain", null))).isEqualTo("value");
        assertThat(store.expiresIn("plain"))
                .as("a null renewal leaves the key alone")
                .isEmpty();
        assertThat(text(store.get("plain", Duration.ofSeconds(60)))).isEqualTo("value");
        assertThat(store.expiresIn("plain"))
                .as("renewing gives a key an expiry")
                .isPresent();

        assertThat(store.get("missing", Duration.ofSeconds(60))).isEmpty();
        assertThat(store.exists("missing")).isFalse();
    }

    @Test
    void renewingAnExpiredKeyDoesNotRevive() throws InterruptedException {
        store.set("old", "data", SHORT);
        awaitExpiry(store, "old");
        assertThat(store.get("old", Duration.ofSeconds(60))).isEmpty();
        assertThat(store.exists("old")).isFalse();
    }

    @Test
    void deleteAllEmptiesTheStore() {
        store.set("a", "1");
        store.set("b", "2", LONG);
        store.withNamespace("inner").set("c", "3");
        store.deleteAll();
        assertThat(store.exists("a")).isFalse();
        assertThat(store.exists("b")).isFalse();
        assertThat(store.withNamespace("inner").exists("c")).isFalse();
        store.set("a", "again");
        assertThat(store.getString("a")).contains("again");
    }

    @Test
    void namespacesAreIsolated() {
        Store users = store.withNamespace("users");
        Store orders = store.withNamespace("orders");
        users.set("1", "alice");
        orders.set("1", "order one");
        store.set("1", "root");

        assertThat(users.getString("1")).contains("alice");
        assertThat(orders.getString("1")).contains("order one");
        assertThat(store.getString("1")).contains("root");
        assertThat(store.withNamespace("users").getString("1"))
                .as("same name, same keys")
                .contains("alice");

        users.deleteAll();
        assertThat(users.exists("1")).isFalse();
        assertThat(orders.getString("1")).contains("order one");
        assertThat(store.getString("1")).contains("root");

        orders.delete("1");
        assertThat(store.getString("1")).contains("root");
    }

    @Test
    void namespacesNest() {
        Store outer = store.withNamespace("outer");
        Store inner = outer.withNamespace("inner");
        Store sibling = store.withNamespace("sibling");
        inner.set("k", "inner");
        outer.set("k", "outer");
        sibling.set("k", "sibling");
        assertThat(inner.getString("k")).contains("inner");
        assertThat(outer.getString("k")).contains("outer");

        inner.deleteAll();
        assertThat(inner.exists("k")).isFalse();
        assertThat(outer.getString("k")).contains("outer");

        inner.set("k", "inner");
        outer.deleteAll();
        assertThat(inner.exists("k"))
                .as("a namespace's deleteAll reaches nested ones")
                .isFalse();
        assertThat(outer.exists("k")).isFalse();
        assertThat(sibling.getString("k")).contains("sibling");
    }

    @Test
    void namespaceNamesCannotCollideWithKeys() {
        // "a" → key "b:c" versus "a" → "b" → key "c": with a naive ':' join both would be "a:b:c"
        Store a = store.withNamespace("a");
        Store ab = a.withNamespace("b");
        a.set("b:c", "key with a colon");
        ab.set("c", "nested key");
        store.withNamespace("a:b").set("c", "namespace with a colon");
        ab.deleteAll();
        assertThat(a.getString("b:c")).contains("key with a colon");
        assertThat(store.withNamespace("a:b").getString("c")).contains("namespace with a colon");
        assertThat(a.exists("b")).isFalse();
        a.set("b", "key named like a namespace");
        assertThat(a.getString("b")).contains("key named like a namespace");
        assertThat(ab.exists("c")).isFalse();
    }

    @Test
    void incrementCountsWithinAWindow() {
        assertThat(store.increment("hits", LONG)).isEqualTo(1);
        assertThat(store.increment("hits", LONG)).isEqualTo(2);
        assertThat(store.increment("hits", LONG)).isEqualTo(3);
        assertThat(store.getString("hits")).contains("3");
        assertThat(store.expiresIn("hits"))
                .hasValueSatisfying(left -> assertThat(left).isPositive());
        assertThat(store.withNamespace("other").increment("hits", LONG)).isEqualTo(1);

        assertThat(store.increment("forever", null)).isEqualTo(1);
        assertThat(store.increment("forever", null)).isEqualTo(2);
        assertThat(store.expiresIn("forever")).isEmpty();

        store.set("text", "not a number");
        assertThatThrownBy(() -> store.increment("text", LONG)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void incrementKeepsTheWindowOfTheFirstCount() throws InterruptedException {
        store.increment("window", Duration.ofSeconds(2));
        Thread.sleep(300);
        assertThat(store.increment("window", Duration.ofSeconds(2))).isEqualTo(2);
        assertThat(store.expiresIn("window"))
                .as("the second count does not extend the window")
                .hasValueSatisfying(left -> assertThat(left).isLessThanOrEqualTo(Duration.ofMillis(1750)));
    }

    @Test
    void incrementStartsAFreshWindowAfterExpiry() throws InterruptedException {
        assertThat(store.increment("limit", BRIEF)).isEqualTo(1);
        assertThat(store.increment("limit", BRIEF)).isEqualTo(2);
        awaitExpiry(store, "limit");
        assertThat(store.increment("limit", LONG)).isEqualTo(1);
        assertThat(store.expiresIn("limit"))
                .hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofMinutes(4)));
    }

    @Test
    void incrementIsExactUnderConcurrency() throws Exception {
        int threads = 32;
        int perThread = 50;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        seen.add(store.increment("concurrent", LONG));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(store.getString("concurrent")).contains(String.valueOf(threads * perThread));
        assertThat(seen).as("every count handed out exactly once").hasSize(threads * perThread);
    }

    @Test
    void invalidExpiriesAreRefused() {
        assertThatThrownBy(() -> store.set("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.set("k", "v", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.increment("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.exists("k")).isFalse();
    }
}

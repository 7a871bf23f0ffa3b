package dev.rigel.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContract {

    @Override
    protected Store createStore() {
        return new MemoryStore();
    }

    @Test
    void aWriteAfterTheSweepIntervalSweepsExpiredKeysNobodyReads() throws InterruptedException {
        MemoryStore memory = new MemoryStore(Duration.ofMillis(100));
        for (int i = 0; i < 100; i++) {
            memory.withNamespace("ns").set("key" + i, "v", Duration.ofMillis(50));
        }
        memory.set("kept", "v");
        assertThat(memory.storedEntries()).isEqualTo(101);

        Thread.sleep(150);
        memory.set("trigger", "v");
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (memory.storedEntries() > 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(memory.storedEntries()).as("only the unexpired keys remain").isEqualTo(2);
        assertThat(memory.getString("kept")).contains("v");
    }

    @Test
    void aHotCounterCountsEveryIncrementFromManyThreads() throws Exception {
        Store store = createStore();
        int threads = 8;
        int each = 20_000;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Thread> workers = new java.util.ArrayList<>();
        java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    seen.add(store.increment("client:127.0.0.1", Duration.ofMinutes(1)));
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        // every increment got its own count, and the stored value is the total, as text
        assertThat(seen).hasSize(threads * each);
        assertThat(store.getString("client:127.0.0.1")).contains(Long.toString((long) threads * each));
        assertThat(store.expiresIn("client:127.0.0.1")).isPresent();
        store.set("client:127.0.0.1", "7");
        assertThat(store.increment("client:127.0.0.1", Duration.ofMinutes(1))).isEqualTo(8);
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] value = {1, 2, 3};
        store.set("k", value);
        value[0] = 9;
        store.get("k").orElseThrow()[1] = 9;
        assertThat(store.get("k"))
                .hasValueSatisfying(stored -> assertThat(stored).containsExactly(1, 2, 3));
    }
}

package dev.rigel.security.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The fetch policy on its own, with fetches the test completes by hand. */
class RemoteCacheTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    final AtomicInteger started = new AtomicInteger();
    final AtomicReference<CompletableFuture<String>> next = new AtomicReference<>();

    RemoteCache<String> cache(Duration maxWait) {
        return new RemoteCache<>(
                "test source",
                () -> {
                    started.incrementAndGet();
                    return next.get();
                },
                IllegalStateException::new,
                now::get,
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                maxWait);
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        CompletableFuture<String> fetch = new CompletableFuture<>();
        next.set(fetch);
        RemoteCache<String> cache = cache(Duration.ofSeconds(5));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(pool.submit(cache::get));
            }
            Thread.sleep(100);
            assertThat(callers).noneMatch(Future::isDone);
            fetch.complete("keys");
            for (Future<String> caller : callers) {
                assertThat(caller.get()).isEqualTo("keys");
            }
        }
        assertThat(started.get()).isEqualTo(1);
    }

    @Test
    void anEqualResultKeepsTheCurrentInstance() {
        String first = new String("keys");
        next.set(CompletableFuture.completedFuture(first));
        RemoteCache<String> cache = cache(Duration.ofSeconds(1));
        assertThat(cache.get()).isSameAs(first);
        next.set(CompletableFuture.completedFuture(new String("keys")));
        now.set(now.get().plusSeconds(31));
        assertThat(cache.refresh()).isSameAs(first);
        next.set(CompletableFuture.completedFuture("other"));
        now.set(now.get().plusSeconds(31));
        assertThat(cache.refresh()).isEqualTo("other");
        assertThat(started.get()).isEqualTo(3);
    }

    @Test
    void aCallerWaitsNoLongerThanMaxWait() {
        next.set(new CompletableFuture<>()); // never completes
        RemoteCache<String> cache = cache(Duration.ofMillis(200));
        long begun = System.nanoTime();
        assertThatThrownBy(cache::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aFetcherThatThrowsIsAFailedFetch() {
        RemoteCache<String> cache = new RemoteCache<>(
                "test source",
                () -> {
                    throw new IllegalArgumentException("boom");
                },
                IllegalStateException::new,
                now::get,
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1));
        assertThatThrownBy(cache::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
        assertThatThrownBy(cache::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not been fetched yet");
    }
}

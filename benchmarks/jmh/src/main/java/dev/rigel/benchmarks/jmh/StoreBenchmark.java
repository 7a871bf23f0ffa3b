package dev.rigel.benchmarks.jmh;

import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The rate limiter's counter: {@link MemoryStore#increment} on one hot key (every request from one
 * address) from two threads at once, as on this 2-core machine's two I/O threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {

    private static final Duration WINDOW = Duration.ofHours(1);

    private Store store;

    @Setup
    public void setUp() {
        store = new MemoryStore().withNamespace("rate_limit");
    }

    @Benchmark
    @Threads(2)
    public long hotKeyTwoThreads() {
        return store.increment("127.0.0.1", WINDOW);
    }

    @Benchmark
    @Threads(1)
    public long hotKeyOneThread() {
        return store.increment("127.0.0.1", WINDOW);
    }
}

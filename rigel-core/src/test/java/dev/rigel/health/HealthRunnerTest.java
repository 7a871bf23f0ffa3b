package dev.rigel.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.health.HealthCheck.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRunnerTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingChecks() {
        release.countDown();
    }

    private static CheckSlot slot(HealthCheck check) {
        return new CheckSlot(check, check.name());
    }

    private static HealthCheck sleeping(String name, long millis) {
        return HealthCheck.of(name, () -> {
            Thread.sleep(millis);
            return Result.up();
        });
    }

    private HealthCheck hanging(String name, AtomicInteger calls) {
        return HealthCheck.of(name, () -> {
            calls.incrementAndGet();
            release.await();
            return Result.up();
        });
    }

    @Test
    void checksRunInParallel() {
        List<CheckSlot> slots = List.of(slot(sleeping("a", 400)), slot(sleeping("b", 400)), slot(sleeping("c", 400)));
        long start = System.nanoTime();
        List<HealthRunner.Outcome> outcomes = HealthRunner.run(slots, Duration.ofSeconds(2));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(outcomes).extracting(HealthRunner.Outcome::up).containsExactly(true, true, true);
        assertThat(outcomes).extracting(HealthRunner.Outcome::name).containsExactly("a", "b", "c");
        // in sequence they would take 1.2 s
        assertThat(took).isLessThan(1_000);
        assertThat(outcomes.get(0).durationMillis()).isBetween(350L, 1_000L);
    }

    @Test
    void aHangingCheckIsDownAfterItsTimeoutAndTheOthersAreStillReported() {
        AtomicInteger calls = new AtomicInteger();
        List<CheckSlot> slots = List.of(slot(hanging("db", calls)), slot(sleeping("redis", 10)));
        long start = System.nanoTime();
        List<HealthRunner.Outcome> outcomes = HealthRunner.run(slots, Duration.ofMillis(300));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(took).isBetween(250L, 1_000L);
        assertThat(outcomes.get(0).up()).isFalse();
        assertThat(outcomes.get(0).error()).isEqualTo("timed out after 300 ms");
        assertThat(outcomes.get(1).up()).isTrue();
    }

    @Test
    void aCheckStillRunningIsJoinedNotStartedAgain() {
        AtomicInteger calls = new AtomicInteger();
        List<CheckSlot> slots = List.of(slot(hanging("db", calls)));
        HealthRunner.run(slots, Duration.ofMillis(500));
        long start = System.nanoTime();
        List<HealthRunner.Outcome> again = HealthRunner.run(slots, Duration.ofMillis(500));
        // its run started 500 ms ago: the answer is at once, and no second thread hangs
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(300);
        assertThat(again.get(0).up()).isFalse();
        assertThat(calls.get()).isEqualTo(1);
        release.countDown();
        // up: either the released run, just ending, or a new one; either way that run is over now
        assertThat(HealthRunner.run(slots, Duration.ofSeconds(2)).get(0).up()).isTrue();
        int before = calls.get();
        // and the next question runs the check again
        HealthRunner.run(slots, Duration.ofSeconds(2));
        assertThat(calls.get()).isEqualTo(before + 1);
    }

    @Test
    void aFailingCheckIsDownWithItsExceptionAndTheOthersUp() {
        HealthCheck failing = HealthCheck.of("search", () -> {
            throw new IOException("Connection refused: search.internal:9200");
        });
        List<HealthRunner.Outcome> outcomes = HealthRunner.run(
                List.of(
                        slot(sleeping("db", 1)),
                        slot(failing),
                        slot(HealthCheck.of("queue", () -> Result.down("paused")))),
                Duration.ofSeconds(1));
        assertThat(outcomes.get(0).up()).isTrue();
        assertThat(outcomes.get(1).up()).isFalse();
        // the reason a client may read says nothing of hosts; the exception is kept for details and logs
        assertThat(outcomes.get(1).error()).isEqualTo("failed");
        assertThat(outcomes.get(1).failure()).isInstanceOf(IOException.class);
        assertThat(outcomes.get(2).up()).isFalse();
        assertThat(outcomes.get(2).error()).isEqualTo("paused");
    }

    @Test
    void aCheckReturningNullIsDown() {
        List<HealthRunner.Outcome> outcomes =
                HealthRunner.run(List.of(slot(HealthCheck.of("odd", () -> null))), Duration.ofSeconds(1));
        assertThat(outcomes.get(0).up()).isFalse();
        assertThat(outcomes.get(0).error()).isEqualTo("no result");
    }
}

package dev.rigel.internal.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {

    @Test
    void countsRunningTasksAndDrainsWhenTheyFinish() throws Exception {
        BackgroundWork work = new BackgroundWork("test-");
        CountDownLatch release = new CountDownLatch(1);
        work.start("waiting task", () -> release.await(5, TimeUnit.SECONDS));
        work.start("failing task", () -> {
            throw new IllegalStateException("logged, not thrown");
        });
        assertThat(work.drain(Duration.ofMillis(50))).isEqualTo(1);
        release.countDown();
        assertThat(work.drain(Duration.ofSeconds(5))).isZero();
        assertThat(work.running()).isZero();
    }

    @Test
    void drainReturnsAtTheTimeoutWithTheTasksLeft() {
        BackgroundWork work = new BackgroundWork("test-");
        CountDownLatch never = new CountDownLatch(1);
        work.start("stuck", () -> never.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertThat(work.drain(Duration.ofMillis(100))).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        never.countDown();
    }
}

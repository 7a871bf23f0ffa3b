package dev.rigel.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The line in front of HikariCP: waiters get connections in the order they asked, a request that
 * arrives while others wait does not jump the line, and a request that waits too long fails as a
 * pool timeout does.
 */
class FairDataSourceTest {

    private Pool pool;

    @BeforeEach
    void openPool() {
        pool = Pool.open(null, null, null, null, 1, null, Duration.ofSeconds(5), "fair-test", null, true, true);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void waitersAreServedInTheOrderTheyAskedWhileNewcomersKeepTrying() throws Exception {
        DataSource dataSource = pool.dataSource();
        FairDataSource fair = (FairDataSource) dataSource;
        List<Integer> served = new CopyOnWriteArrayList<>();
        Connection held = dataSource.getConnection();
        int waiters = 8;
        Thread[] threads = new Thread[waiters];
        for (int i = 0; i < waiters; i++) {
            int number = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    served.add(number);
                    Thread.sleep(5);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the next waiter starts only once this one is in line
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (fair.queueLength() < number + 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        // a newcomer asking again and again while the line is served must not take a turn first
        CountDownLatch newcomerServed = new CountDownLatch(1);
        Thread newcomer = Thread.ofVirtual().start(() -> {
            try (Connection connection = dataSource.getConnection()) {
                served.add(-1);
                newcomerServed.countDown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        held.close();
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        assertThat(newcomerServed.await(5, TimeUnit.SECONDS)).isTrue();
        newcomer.join(5_000);
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, -1);
    }

    @Test
    void aRequestThatWaitsTooLongFailsAsAPoolTimeout() throws Exception {
        Pool small =
                Pool.open(null, null, null, null, 1, null, Duration.ofMillis(250), "fair-timeout", null, true, true);
        try (Connection held = small.dataSource().getConnection()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> small.dataSource().getConnection())
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("request timed out after 250ms")
                    .hasNoCause(); // a timeout, not a failure to connect: answered "pool exhausted"
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            small.close();
        }
    }

    @Test
    void closingTwiceGivesTheTurnBackOnce() throws Exception {
        FairDataSource fair = (FairDataSource) pool.dataSource();
        Connection connection = fair.getConnection();
        connection.close();
        connection.close();
        assertThat(fair.availableTurns()).isEqualTo(1);
        try (Connection again = fair.getConnection()) {
            assertThat(again.isValid(1)).isTrue();
            assertThat(fair.availableTurns()).isZero();
        }
    }

    @Test
    void aLentConnectionPassesCallsThroughAndUnwrapsToTheDriversConnection() throws Exception {
        try (Connection connection = pool.dataSource().getConnection()) {
            assertThat(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class))
                    .isTrue();
            assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class))
                    .isInstanceOf(org.h2.jdbc.JdbcConnection.class);
            connection.setAutoCommit(false);
            assertThat(connection.getAutoCommit()).isFalse();
            try (var statement = connection.prepareStatement("SELECT ? + 1")) {
                statement.setInt(1, 41);
                try (var rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(42);
                }
            }
            connection.rollback();
        }
    }

    @Test
    void hikariIsReachedByUnwrapping() throws Exception {
        assertThat(pool.dataSource().unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
        assertThat(pool.dataSource().isWrapperFor(HikariDataSource.class)).isTrue();
    }
}

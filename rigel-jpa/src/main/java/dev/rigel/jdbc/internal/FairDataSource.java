package dev.rigel.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as apps and Hibernate see it: a first-come-first-served line in front of HikariCP.
 *
 * <p>HikariCP hands a returned connection to its longest waiter, but a borrower that arrives at
 * that moment may take it first, and a waiter that loses it queues again at the back. With many
 * more requests than connections (64 clients on a pool of 10 is ordinary) some requests lose that
 * race over and over, and the slowest percentile waits several times as long as the mean. Here a
 * fair semaphore with one permit per connection orders the waiters; only a request holding a
 * permit asks HikariCP, which then always has a connection free. A request that gets no permit
 * within the pool's connection timeout fails as HikariCP's own timeout does, with an
 * {@link SQLTransientConnectionException} (answered 503).
 *
 * <p>The permit goes back when the connection is closed (returned to the pool), once.
 */
final class FairDataSource implements DataSource {

    private final HikariDataSource pool;
    private final Semaphore permits;
    private final long timeoutNanos;

    FairDataSource(HikariDataSource pool, int maxPoolSize, Duration connectionTimeout) {
        this.pool = pool;
        this.permits = new Semaphore(maxPoolSize, true);
        this.timeoutNanos = connectionTimeout.toNanos();
    }

    /** Requests waiting in line now (for tests and diagnostics). */
    int queueLength() {
        return permits.getQueueLength();
    }

    /** Connections that may be lent at once without waiting (for tests and diagnostics). */
    int availableTurns() {
        return permits.availablePermits();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return lend(() -> pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return lend(() -> pool.getConnection(username, password));
    }

    private interface Borrow {
        Connection get() throws SQLException;
    }

    private Connection lend(Borrow borrow) throws SQLException {
        try {
            // the timed form honours the fairness; the untimed tryAcquire would barge
            if (!permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new SQLTransientConnectionException(pool.getPoolName()
                        + " - Connection is not available, request timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms (waiting in line for one of "
                        + pool.getMaximumPoolSize() + " connections)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for a database connection", e);
        }
        try {
            return new PermitConnection(borrow.get(), permits::release);
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public String toString() {
        return "FairDataSource[" + pool + "]";
    }
}

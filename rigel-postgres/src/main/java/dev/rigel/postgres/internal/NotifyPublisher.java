package dev.rigel.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends {@code NOTIFY}s over one connection, opened on first use and again after a failure. One
 * statement notifies every channel of an event, in one transaction, so they get it together; the
 * lock keeps publishes in order.
 */
public final class NotifyPublisher implements AutoCloseable {

    private static final String NOTIFY = "SELECT pg_notify(channel, ?) FROM unnest(?::text[]) AS channel";

    // The server ended the session (pg_terminate_backend, shutdown, crash recovery) before it ran
    // the statement: safe to send again on a new connection. Anything else may have run, so it is
    // reported rather than repeated.
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");

    private final ConnectionFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    public NotifyPublisher(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Opens the connection now, so a wrong URL fails at startup. */
    public void connect() throws SQLException {
        lock.lock();
        try {
            connection();
        } finally {
            lock.unlock();
        }
    }

    public void notify(List<String> identifiers, String payload) throws SQLException {
        lock.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    Connection open = connection();
                    try (PreparedStatement statement = open.prepareStatement(NOTIFY)) {
                        Array channels = open.createArrayOf("text", identifiers.toArray());
                        statement.setString(1, payload);
                        statement.setArray(2, channels);
                        statement.execute();
                    }
                    return;
                } catch (SQLException e) {
                    discard();
                    if (attempt > 0 || !SESSION_ENDED.contains(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = factory.open();
        }
        return connection;
    }

    private void discard() {
        Connection broken = connection;
        connection = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (SQLException ignored) {
                // it is already broken; closing is only to free the socket
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            discard();
        } finally {
            lock.unlock();
        }
    }
}

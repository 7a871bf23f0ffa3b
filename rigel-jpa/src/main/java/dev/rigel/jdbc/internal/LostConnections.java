package dev.rigel.jdbc.internal;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a database connection that is gone: the server ended it (PostgreSQL's
 * {@code pg_terminate_backend}, a restart or a failover: SQLState 57P01/57P02) or the link broke
 * (SQLState class 08, which is also what HikariCP says for a connection it already closed).
 */
public final class LostConnections {

    private LostConnections() {}

    /** Whether {@code sqlState} says the connection ended while it was in use. */
    static boolean lostState(String sqlState) {
        return sqlState.equals("57P01")
                || sqlState.equals("57P02")
                || sqlState.equals("08003")
                || sqlState.equals("08006")
                || sqlState.equals("08007");
    }

    /** Whether {@code failure}, or an exception in its cause chain, is a lost connection. */
    public static boolean isLost(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && lostState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

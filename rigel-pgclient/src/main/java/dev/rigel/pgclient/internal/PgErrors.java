package dev.rigel.pgclient.internal;

import dev.rigel.exceptions.ConflictException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.ServiceUnavailableException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Turns the reactive client's failures into the answers a client can act on, as the JDBC plugin
 * does for its driver: an integrity constraint violation (SQLState class 23) is a 409 naming the
 * constraint, never the SQL; a pool with no connection free in time or no room in its wait queue,
 * a database that cannot be reached, a connection lost mid-request, a server shutting down or a
 * statement cancelled by {@code statement_timeout} are 503 with {@code Retry-After}. Anything else
 * stays the app's 500.
 */
public final class PgErrors {

    private PgErrors() {}

    /** The answer for {@code failure} (walking its causes), or null when it is not a database failure with one. */
    public static HttpException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            HttpException translated = translateOne(t);
            if (translated != null) {
                return translated;
            }
        }
        return null;
    }

    private static HttpException translateOne(Throwable t) {
        if (t instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            if (state.startsWith("23")) {
                return conflict(state, pg.getConstraint());
            }
            if (state.equals("57014")) {
                return unavailable("The database statement took too long and was cancelled; try again shortly", "1");
            }
            // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up
            if (state.startsWith("08") || state.startsWith("57P")) {
                return unreachable();
            }
            return null;
        }
        if (t instanceof ConnectionPoolTooBusyException) {
            return unavailable("Too many requests are waiting for a database connection; try again shortly", "1");
        }
        // the pool's connection timeout has no type of its own: a plain VertxException, "Timeout waiting
        // for connection" for a query, "Timeout" for a connection asked for explicitly
        if (t.getClass() == VertxException.class
                && t.getMessage() != null
                && t.getMessage().startsWith("Timeout")) {
            return unavailable(
                    "No database connection became free in time: the connection pool is exhausted; try again"
                            + " shortly",
                    "1");
        }
        // a Future's own timeout (future.timeout(…)); the client's TimeoutException lives in an internal package
        if (t instanceof TimeoutException && t.getClass().getName().startsWith("io.vertx.")) {
            return unavailable("The database did not answer in time; try again shortly", "1");
        }
        if (t instanceof ClosedConnectionException) {
            return unavailable("The database connection was lost; try again shortly", "5");
        }
        if (t instanceof ConnectException) {
            return unreachable();
        }
        return null;
    }

    private static ServiceUnavailableException unreachable() {
        return unavailable("The database cannot be reached; try again shortly", "5");
    }

    private static ServiceUnavailableException unavailable(String detail, String seconds) {
        return new ServiceUnavailableException(detail, Map.of("Retry-After", seconds), null);
    }

    private static ConflictException conflict(String sqlState, String constraint) {
        String kind = switch (sqlState) {
            case "23505" -> "unique";
            case "23503" -> "foreign_key";
            case "23502" -> "not_null";
            case "23514" -> "check";
            default -> "other";
        };
        String named = constraint == null ? "" : " " + constraint;
        String detail = switch (kind) {
            case "unique" -> "Unique constraint" + named + " violated: a row with the same value already exists";
            case "foreign_key" ->
                "Foreign key constraint" + named + " violated: the referenced row does not exist, or this row is"
                        + " still referenced";
            case "not_null" -> "Not-null constraint" + named + " violated: a required value is missing";
            case "check" -> "Check constraint" + named + " violated";
            default -> "Integrity constraint" + named + " violated";
        };
        Map<String, String> extra = new LinkedHashMap<>();
        if (constraint != null) {
            extra.put("constraint", constraint);
        }
        extra.put("kind", kind);
        return new ConflictException(detail, extra);
    }
}

package dev.rigel.jdbc.internal;

import dev.rigel.exceptions.ConflictException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ServiceUnavailableException;
import dev.rigel.exceptions.spi.ConstraintConflicts;
import dev.rigel.http.ExceptionHandler;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hibernate.ObjectNotFoundException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Turns database failures into the HTTP errors a client can act on, walking the exception's cause
 * chain (Hibernate wraps a driver's {@link SQLException}; a failed commit wraps Hibernate's):
 *
 * <ul>
 *   <li>an integrity constraint violation (unique, foreign key, not-null, check; SQLState class 23)
 *       → 409 naming the constraint, with {@code extra = {"constraint": …, "kind": …}}, never the SQL;
 *   <li>a row that is not there ({@code EntityNotFoundException}, Hibernate's {@code ObjectNotFoundException}) → 404;
 *   <li>a row changed by someone else meanwhile (optimistic locking) → 409;
 *   <li>no connection within the pool's timeout, a database that cannot be reached, or a
 *       connection lost mid-request (the server ended it: a restart, a failover,
 *       {@code pg_terminate_backend}) → 503 with {@code Retry-After};
 *   <li>an entity failing Bean Validation as Hibernate persists or flushes it (Jakarta's
 *       {@code ConstraintViolationException}, thrown as is or wrapped by a failed commit) → the
 *       core's 400 validation error, keyed by property path.
 * </ul>
 *
 * Anything else is left alone (the app's usual 500).
 */
public final class DatabaseErrors {

    /** App-state key under which a plugin leaves the constraint-name reader of its database. */
    public static final String CONSTRAINT_NAMES_STATE_KEY = "dev.rigel.jdbc.constraintNames";

    /**
     * App-state key of a {@code UnaryOperator<String>} spelling Java property names as the app's JSON
     * naming strategy does, for validation error keys; without it they are the Java names.
     */
    public static final String PROPERTY_NAMES_STATE_KEY = "dev.rigel.jdbc.propertyNames";

    private DatabaseErrors() {}

    /**
     * An exception handler that answers with the translated error, or leaves the exception to the
     * standard 500 (by returning null) when it is not one of the above. Throwing the translated
     * {@link HttpException} lets the app render it in its standard error shape.
     */
    public static ExceptionHandler handler() {
        return (request, exception) -> {
            ConstraintNames names = request.appState()
                    .find(CONSTRAINT_NAMES_STATE_KEY, ConstraintNames.class)
                    .orElse(null);
            @SuppressWarnings("unchecked")
            UnaryOperator<String> propertyNames = request.appState()
                    .find(PROPERTY_NAMES_STATE_KEY, UnaryOperator.class)
                    .orElse(UnaryOperator.identity());
            Optional<HttpException> translated = translate(
                    exception, names == null ? null : names::extract, request.method(), request.path(), propertyNames);
            if (translated.isPresent()) {
                throw translated.get();
            }
            return null;
        };
    }

    /**
     * The HTTP error for {@code failure}, if it is a database failure with one.
     *
     * @param constraintNames reads a constraint's name from a driver's exception (Hibernate's own
     *                        exceptions carry it already); may be null
     */
    public static Optional<HttpException> translate(Throwable failure, Function<SQLException, String> constraintNames) {
        return translate(failure, constraintNames, null, null, UnaryOperator.identity());
    }

    /**
     * As {@link #translate(Throwable, Function)}, for a request: a validation error's detail names
     * {@code method} and {@code path} (as the core's do) and its keys are spelled by {@code propertyNames}.
     */
    public static Optional<HttpException> translate(
            Throwable failure,
            Function<SQLException, String> constraintNames,
            String method,
            String path,
            UnaryOperator<String> propertyNames) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof jakarta.validation.ConstraintViolationException invalid) {
                return Optional.of(EntityViolations.of(invalid, method, path, propertyNames));
            }
            HttpException translated = translateOne(t, constraintNames);
            if (translated != null) {
                return Optional.of(translated);
            }
        }
        return Optional.empty();
    }

    private static HttpException translateOne(Throwable t, Function<SQLException, String> constraintNames) {
        if (t instanceof HttpException http) {
            return http;
        }
        if (t instanceof ConstraintViolationException violation) {
            return conflict(violation.getKind(), violation.getConstraintName());
        }
        if (t instanceof ObjectNotFoundException missing) {
            return new NotFoundException(
                    simpleName(missing.getEntityName()) + " " + missing.getIdentifier() + " not found");
        }
        if (t instanceof EntityNotFoundException missing) {
            return new NotFoundException(missing.getMessage());
        }
        if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
            return new ConflictException(
                    "The row was changed or deleted by another request meanwhile; reload it" + " and try again");
        }
        if (t instanceof SQLTransientConnectionException timedOut) {
            return timedOut.getCause() == null
                    ? unavailable(
                            "No database connection became free in time: the connection pool"
                                    + " is exhausted; try again shortly",
                            "1")
                    : unreachable();
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("23")) {
                return ConstraintConflicts.conflict(
                        ConstraintConflicts.kindOf(state),
                        ConstraintNames.normalise(constraintNames == null ? null : constraintNames.apply(sql)));
            }
            if (LostConnections.lostState(state)) {
                return unavailable("The database connection was lost; try again shortly", "5");
            }
            if (state.startsWith("08") || state.equals("57P03")) {
                return unreachable();
            }
        }
        if (t instanceof JDBCConnectionException && !(t.getCause() instanceof SQLTransientConnectionException)) {
            return unreachable();
        }
        return null;
    }

    private static ServiceUnavailableException unreachable() {
        return unavailable("The database cannot be reached; try again shortly", "5");
    }

    /**
     * A 503 the client may retry after {@code seconds} (RFC 9110 §10.2.3): a busy pool frees up within
     * a second; a restart or a failover takes a few, as for the app's other dependencies.
     */
    private static ServiceUnavailableException unavailable(String detail, String seconds) {
        return new ServiceUnavailableException(detail, Map.of("Retry-After", seconds), null);
    }

    private static ConflictException conflict(ConstraintKind kind, String rawName) {
        // Hibernate's kinds and the shared ones have the same names
        return ConstraintConflicts.conflict(
                kind == null ? null : ConstraintConflicts.Kind.valueOf(kind.name()),
                ConstraintNames.normalise(rawName));
    }

    private static String simpleName(String entityName) {
        if (entityName == null) {
            return "Entity";
        }
        int dot = Math.max(entityName.lastIndexOf('.'), entityName.lastIndexOf('$'));
        return entityName.substring(dot + 1);
    }
}

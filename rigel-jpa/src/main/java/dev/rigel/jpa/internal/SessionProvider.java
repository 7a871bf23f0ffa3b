package dev.rigel.jpa.internal;

import dev.rigel.di.Outcome;
import dev.rigel.di.Scoped;
import dev.rigel.http.State;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jdbc.internal.LostConnections;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.SQLException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.jdbc.spi.LogicalConnectionImplementor;

/**
 * The per-request half of the JPA plugin: an {@code EntityManager} for each request whose route
 * asks for one, with a transaction begun at once (no connection is taken until the first
 * statement), ended by the {@link TransactionMode} once the response is built, then closed.
 */
public final class SessionProvider {

    private final String engineStateKey;
    private final TransactionMode mode;

    public SessionProvider(String engineStateKey, TransactionMode mode) {
        this.engineStateKey = engineStateKey;
        this.mode = mode;
    }

    public EntityManagerFactory engine(State state) {
        return state.find(engineStateKey, EntityManagerFactory.class)
                .orElseThrow(() -> new IllegalStateException("JpaPlugin: no EntityManagerFactory under app state '"
                        + engineStateKey + "'; the app has not been"
                        + " started (serve it, or open a TestClient, which runs the startup)"));
    }

    public Scoped<EntityManager> open(State state) {
        EntityManager session = engine(state).createEntityManager();
        try {
            session.getTransaction().begin();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return Scoped.of(session, outcome -> finish(session, outcome));
    }

    /**
     * Commits or rolls back what the handler left open, then closes the session. A failed commit
     * is rolled back and re-thrown: the app answers it like a handler's exception (the plugin's
     * exception handler makes a constraint violation a 409).
     */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionProvider.class);

    /**
     * Rolls back; on a connection that is already gone there is nothing to undo (the server ended
     * the transaction with it), so that failure is no error of its own.
     */
    private static void rollback(EntityManager session, EntityTransaction transaction) {
        try {
            transaction.rollback();
        } catch (RuntimeException e) {
            if (!LostConnections.isLost(e) && !connectionClosed(session)) {
                throw e;
            }
            LOG.debug("No rollback on a lost connection: {}", e.toString());
        }
    }

    /**
     * Whether the session's JDBC connection is closed under it: HikariCP closes a connection it saw
     * fail with a fatal SQLState, and says only "Connection is closed" afterwards.
     */
    private static boolean connectionClosed(EntityManager session) {
        try {
            LogicalConnectionImplementor connection = session.unwrap(SharedSessionContractImplementor.class)
                    .getJdbcCoordinator()
                    .getLogicalConnection();
            return connection.isPhysicallyConnected()
                    && connection.getPhysicalConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void finish(EntityManager session, Outcome outcome) {
        try {
            EntityTransaction transaction = session.getTransaction();
            if (!transaction.isActive()) {
                return;
            }
            if (!mode.commits(outcome)) {
                rollback(session, transaction);
                return;
            }
            try {
                transaction.commit();
            } catch (RuntimeException e) {
                if (transaction.isActive()) {
                    try {
                        transaction.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                }
                throw e;
            }
        } finally {
            session.close();
        }
    }
}

package dev.rigel.jpa.internal;

import dev.rigel.di.Outcome;
import dev.rigel.di.Scoped;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jdbc.internal.LostConnections;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.jdbc.spi.LogicalConnectionImplementor;

/**
 * The per-request half of the JPA plugin: an {@code EntityManager} for each request whose route
 * asks for one, ended by the {@link TransactionMode} once the response is built, then closed.
 *
 * <p>A session that may write has a transaction begun at once. A read-only session (a safe
 * method's) reads outside one: each statement runs in JDBC auto-commit, which under PostgreSQL's
 * default READ COMMITTED sees what a transaction's statement would, and saves the COMMIT round
 * trip every transaction ends with. What such a session did persist, remove or change (entities
 * it marked modifiable) is still written when the request succeeds, in a transaction of its own
 * at the end: Hibernate holds back even identity inserts while no transaction is in progress.
 */
public final class SessionProvider {

    /** The methods HTTP defines as safe: they only read, so their sessions may be read-only. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String engineStateKey;
    private final TransactionMode mode;
    private final boolean readOnlySafeMethods;

    public SessionProvider(String engineStateKey, TransactionMode mode, boolean readOnlySafeMethods) {
        this.engineStateKey = engineStateKey;
        this.mode = mode;
        this.readOnlySafeMethods = readOnlySafeMethods;
    }

    public EntityManagerFactory engine(State state) {
        return state.find(engineStateKey, EntityManagerFactory.class)
                .orElseThrow(() -> new IllegalStateException("JpaPlugin: no EntityManagerFactory under app state '"
                        + engineStateKey + "'; the app has not been"
                        + " started (serve it, or open a TestClient, which runs the startup)"));
    }

    /**
     * The request's session, opened on its first use ({@link LazySession}): a handler that never
     * touches it costs no session, connection or transaction.
     */
    public Scoped<EntityManager> open(State state, Request request) {
        boolean readOnly = readOnlySafeMethods && SAFE_METHODS.contains(request.method());
        LazySession session =
                new LazySession(engine(state), readOnly ? SessionProvider::readOnly : SessionProvider::begin);
        return Scoped.of(session, outcome -> {
            EntityManager opened = session.opened();
            if (opened != null) {
                finish(opened, outcome, readOnly);
            }
        });
    }

    /** No snapshots for dirty checking, and no flush before queries or at commit. */
    private static void readOnly(EntityManager session) {
        Session hibernate = session.unwrap(Session.class);
        hibernate.setDefaultReadOnly(true);
        hibernate.setHibernateFlushMode(FlushMode.MANUAL);
    }

    private static void begin(EntityManager session) {
        session.getTransaction().begin();
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

    /**
     * Whether a read-only session may have something to write, answered without Hibernate's dirty
     * check, which runs the whole flush machinery over every entity the session holds (a GET that
     * read 20 rows paid for it on every request). Nothing to write means: no action queued (a
     * persist or remove queues one), every entity still read-only (none was made modifiable, and
     * a new one is not read-only), and no collection loaded (those are left to Hibernate).
     */
    private static boolean mayHaveWrites(EntityManager session) {
        SessionImplementor hibernate = session.unwrap(SessionImplementor.class);
        if (hibernate.getActionQueue().hasAnyQueuedActions()
                || hibernate.getActionQueue().hasUnresolvedEntityInsertActions()) {
            return true;
        }
        PersistenceContext context = hibernate.getPersistenceContextInternal();
        if (context.getCollectionEntriesSize() > 0) {
            return true;
        }
        for (Map.Entry<Object, EntityEntry> entity : context.reentrantSafeEntityEntries()) {
            if (!entity.getValue().isReadOnly()) {
                return true;
            }
        }
        return false;
    }

    private void finish(EntityManager session, Outcome outcome, boolean readOnly) {
        try {
            EntityTransaction transaction = session.getTransaction();
            if (!transaction.isActive()) {
                if (!readOnly || !mode.commits(outcome) || !mayHaveWrites(session)) {
                    return;
                }
                // a read-only session's writes, in a transaction of their own; should the flush
                // find nothing to write after all, the transaction sent no statement and its
                // commit is no round trip
                transaction.begin();
            } else if (!mode.commits(outcome)) {
                rollback(session, transaction);
                return;
            }
            try {
                if (readOnly) {
                    session.flush(); // what a read-only session persisted or removed is still written
                }
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

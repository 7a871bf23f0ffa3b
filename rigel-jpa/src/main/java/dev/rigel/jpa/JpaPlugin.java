package dev.rigel.jpa;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase;
import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.di.Provide;
import dev.rigel.health.HealthCheck;
import dev.rigel.health.HealthContributor;
import dev.rigel.jdbc.internal.DatabaseErrors;
import dev.rigel.jdbc.internal.PoolHealth;
import dev.rigel.jpa.internal.Engine;
import dev.rigel.jpa.internal.EntityScanner;
import dev.rigel.jpa.internal.SessionProvider;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Hibernate ORM for an app, after Litestar's SQLAlchemy plugin: a HikariCP pool and an
 * {@code EntityManagerFactory} for the app's lifetime, and an {@code EntityManager} per request.
 *
 * <pre>{@code
 * App.builder()
 *         .plugins(new JpaPlugin(JpaConfig.builder().entities(User.class)
 *                 .schemaAction(SchemaAction.CREATE_ALL).transactionMode(TransactionMode.AUTOCOMMIT).build()))
 *         .routeHandlers(Route.post("/users", (User data, EntityManager dbSession) -> {
 *             dbSession.persist(data);
 *             return data;                                  // 201: committed before it is sent
 *         }))
 * }</pre>
 *
 * <ul>
 *   <li>Dependencies: {@code dbSession}, the request's {@code EntityManager}, and {@code dbEngine},
 *       the {@code EntityManagerFactory} (also in app state under {@code dbEngine}); keys configurable.
 *   <li>The session is made only for routes that ask for it, with its transaction begun; a
 *       connection is taken from the pool only at its first statement. Once the response is built
 *       (before it is sent) the transaction ends as the {@link dev.rigel.jdbc.TransactionMode}
 *       says and the session is closed; a handler exception always rolls back.
 *   <li>A commit that fails (a unique key taken meanwhile) is answered like a handler's exception:
 *       the client gets the 409 instead of the response the handler built. Streamed responses
 *       (files, streams, server-sent events) are committed after they were sent, so a failing commit
 *       there can only be logged.
 *   <li>Errors (unless {@code translateErrors(false)}): a {@code PersistenceException} or
 *       {@code SQLException} escaping a handler, provider or the commit becomes 409 for constraint
 *       violations (naming the constraint) and optimistic-lock failures, 404 for a missing entity,
 *       503 when no connection frees up within the pool's {@code connectionTimeout} or the database
 *       is unreachable. An entity failing Bean Validation at persist or flush is the core's 400
 *       validation error keyed by property path (the transaction is rolled back). Other database
 *       errors stay 500. The handlers are on the app layer, so one a
 *       router or controller registers for the same class takes precedence.
 *   <li>The pool and Hibernate start with the app (failing startup if the database is unreachable
 *       or the schema does not validate) and close at shutdown.
 * </ul>
 */
public final class JpaPlugin implements InitPlugin, HealthContributor {

    private final JpaConfig config;
    private final SessionProvider sessions;
    private volatile List<Class<?>> managedClasses;

    public JpaPlugin(JpaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions =
                new SessionProvider(config.engineStateKey(), config.transactionMode(), config.readOnlySafeMethods());
    }

    public JpaConfig config() {
        return config;
    }

    @Override
    public void onAppInit(App.Builder app) {
        List<Class<?>> managed = managedClasses();
        app.lifespan(started -> start(started, managed));
        app.dependency(config.sessionKey(), Provide.of(sessions::open));
        app.dependency(config.engineKey(), Provide.of(sessions::engine));
        if (config.translateErrors()) {
            app.exceptionHandler(PersistenceException.class, DatabaseErrors.handler());
            app.exceptionHandler(SQLException.class, DatabaseErrors.handler());
            // Hibernate's Bean Validation listener throws this from persist/flush unwrapped
            app.exceptionHandler(ConstraintViolationException.class, DatabaseErrors.handler());
        }
    }

    /**
     * The classes Hibernate manages: those listed in the config, then those found in its packages
     * (searched once, on first call; the app's build calls this).
     */
    public List<Class<?>> managedClasses() {
        List<Class<?>> current = managedClasses;
        if (current == null) {
            Set<Class<?>> all = new LinkedHashSet<>(config.entityClasses());
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = JpaPlugin.class.getClassLoader();
            }
            for (String packageName : config.entityPackages()) {
                all.addAll(EntityScanner.scan(loader, packageName));
            }
            current = List.copyOf(new ArrayList<>(all));
            managedClasses = current;
        }
        return current;
    }

    /** The running app's {@code EntityManagerFactory}. */
    public EntityManagerFactory engine(App app) {
        return sessions.engine(app.state());
    }

    /** The running app's connection pool (the one Hibernate uses). */
    public DataSource dataSource(App app) {
        return app.state()
                .find(engineHolderKey(), Engine.class)
                .orElseThrow(() -> new IllegalStateException("JpaPlugin: the app has not been started"))
                .pool()
                .dataSource();
    }

    /**
     * Readiness ({@code HealthPlugin}): {@code db} borrows a connection from the running app's pool
     * and checks it is valid.
     */
    @Override
    public List<HealthCheck> healthChecks(App app) {
        return List.of(PoolHealth.check(() -> dataSource(app)));
    }

    private AutoCloseable start(App app, List<Class<?>> managed) {
        Engine engine = Engine.start(
                config.dataSource(), config.schemaAction().hibernateAction(), config.properties(), managed);
        app.state().put(engineHolderKey(), engine);
        app.state().put(config.engineStateKey(), engine.factory());
        app.state().computeIfAbsent(DatabaseErrors.CONSTRAINT_NAMES_STATE_KEY, key -> engine.constraintNames());
        app.state().computeIfAbsent(DatabaseErrors.PROPERTY_NAMES_STATE_KEY, key -> propertyNames(app));
        return () -> {
            app.state().remove(config.engineStateKey());
            app.state().remove(engineHolderKey());
            engine.close();
        };
    }

    /** Java property names as the app's JSON naming strategy spells them ({@code userId} → {@code user_id}). */
    private static UnaryOperator<String> propertyNames(App app) {
        return name -> app.objectMapper().getPropertyNamingStrategy() instanceof NamingBase naming
                ? naming.translate(name)
                : name;
    }

    private String engineHolderKey() {
        return JpaPlugin.class.getName() + ":" + config.engineStateKey();
    }
}

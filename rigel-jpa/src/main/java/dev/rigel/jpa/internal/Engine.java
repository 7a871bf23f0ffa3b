package dev.rigel.jpa.internal;

import dev.rigel.jdbc.DataSourceConfig;
import dev.rigel.jdbc.DatabaseUrl;
import dev.rigel.jdbc.internal.ConstraintNames;
import dev.rigel.jdbc.internal.Pool;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.resource.jdbc.spi.PhysicalConnectionHandlingMode;
import org.hibernate.tool.schema.Action;
import org.hibernate.validator.HibernateValidator;

/**
 * The app-lifetime half of the JPA plugin: a HikariCP pool and a Hibernate
 * {@code EntityManagerFactory} on it, bootstrapped in code (Jakarta Persistence 3.2's
 * {@code PersistenceConfiguration}, no {@code persistence.xml}). Closing closes both.
 */
public final class Engine implements AutoCloseable {

    private static final String VALIDATION_FACTORY = "jakarta.persistence.validation.factory";

    private final Pool pool;
    private final SessionFactory factory;
    private final ValidatorFactory validation;

    private Engine(Pool pool, SessionFactory factory, ValidatorFactory validation) {
        this.pool = pool;
        this.factory = factory;
        this.validation = validation;
    }

    /**
     * Opens the pool on {@code dataSource} and starts Hibernate on it for {@code managedClasses},
     * with {@code schemaAction} and the further {@code properties} (those of the {@code JpaConfig}).
     */
    public static Engine start(
            DataSourceConfig dataSource,
            Action schemaAction,
            Map<String, Object> properties,
            List<Class<?>> managedClasses) {
        // JDBC auto-commit on in the pool: a read-only session reads outside a transaction, so its
        // statements need no COMMIT round trip; Hibernate turns auto-commit off for a transaction
        Pool pool = openPool(dataSource, true);
        ValidatorFactory validation = null;
        try {
            HibernatePersistenceConfiguration persistence = new HibernatePersistenceConfiguration("rigel");
            if (!properties.containsKey(VALIDATION_FACTORY)) {
                // entity validation at persist/flush in English, as the core's request validation
                // is, so a 400's messages do not depend on the server's locale
                validation = Validation.byProvider(HibernateValidator.class)
                        .configure()
                        .defaultLocale(Locale.ENGLISH)
                        .buildValidatorFactory();
                persistence.property(VALIDATION_FACTORY, validation);
            }
            persistence
                    .managedClasses(managedClasses)
                    .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool.dataSource())
                    // a session lives for one request: it keeps the connection it took until it
                    // closes. Hibernate's default gives the connection back after every operation
                    // done outside a transaction, which a read-only session's reads all are, so a
                    // request reading 20 rows would wait for the pool 20 times
                    .property(
                            AvailableSettings.CONNECTION_HANDLING,
                            PhysicalConnectionHandlingMode.DELAYED_ACQUISITION_AND_HOLD)
                    .schemaToolingAction(schemaAction)
                    .properties(properties);
            return new Engine(pool, persistence.createEntityManagerFactory(), validation);
        } catch (RuntimeException e) {
            if (validation != null) {
                validation.close();
            }
            pool.close();
            throw new IllegalStateException(
                    "JpaPlugin could not start Hibernate on " + pool.url() + ": " + causes(e), e);
        }
    }

    /** The pool {@code dataSource} describes, opened as {@code JdbcPlugin} opens its own. */
    private static Pool openPool(DataSourceConfig dataSource, boolean autoCommit) {
        DatabaseUrl url = dataSource.url();
        return Pool.open(
                url == null ? null : url.jdbcUrl(),
                url == null ? null : url.user(),
                url == null ? null : url.password(),
                url == null ? null : url.toString(),
                dataSource.maxPoolSize(),
                dataSource.minIdle(),
                dataSource.connectionTimeout(),
                dataSource.poolName(),
                dataSource.hikari(),
                autoCommit,
                dataSource.fairWaiting());
    }

    /** Every message down the cause chain: Hibernate's outermost one rarely says what went wrong. */
    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null
                    ? t.getClass().getSimpleName()
                    : t.getMessage().strip();
            if (messages.indexOf(message) < 0) {
                messages.append(messages.isEmpty() ? "" : "; caused by: ").append(message);
            }
        }
        return messages.toString();
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    /** The constraint-name reader of the dialect Hibernate chose, for errors raised through plain JDBC. */
    public ConstraintNames constraintNames() {
        return new ConstraintNames(factory.unwrap(SessionFactoryImplementor.class)
                .getJdbcServices()
                .getDialect()
                .getViolatedConstraintNameExtractor());
    }

    public Pool pool() {
        return pool;
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            try {
                pool.close();
            } finally {
                if (validation != null) {
                    validation.close();
                }
            }
        }
    }
}

package dev.rigel.jpa.internal;

import dev.rigel.jdbc.internal.ConstraintNames;
import dev.rigel.jdbc.internal.Pool;
import dev.rigel.jpa.JpaConfig;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
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

    public static Engine start(JpaConfig config, List<Class<?>> managedClasses) {
        // JDBC auto-commit off in the pool, and Hibernate told so: beginning a transaction then
        // needs no connection, which is only taken for the first statement
        Pool pool = Pool.open(config.dataSource(), false);
        ValidatorFactory validation = null;
        try {
            HibernatePersistenceConfiguration persistence = new HibernatePersistenceConfiguration("rigel");
            if (!config.properties().containsKey(VALIDATION_FACTORY)) {
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
                    .property(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
                    .schemaToolingAction(config.schemaAction().hibernateAction())
                    .properties(config.properties());
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

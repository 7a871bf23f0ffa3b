package dev.rigel.jpa;

import dev.rigel.jdbc.DataSourceConfig;
import dev.rigel.jdbc.DatabaseConfigBuilder;
import dev.rigel.jdbc.TransactionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link JpaPlugin}: the database and pool ({@link DatabaseConfigBuilder}), the
 * entities, the schema action, the transaction mode and the dependency keys.
 *
 * <pre>{@code
 * JpaConfig.builder()
 *         .entities(User.class, Order.class)                // and/or .entityPackages("com.example.model")
 *         .schemaAction(SchemaAction.CREATE_ALL)
 *         .transactionMode(TransactionMode.AUTOCOMMIT)
 *         .maxPoolSize(20)
 *         .build();                                         // DATABASE_URL, else embedded H2 in memory
 * }</pre>
 *
 * @param dataSource the database and pool
 * @param entityClasses entity (and embeddable, mapped superclass, converter) classes given by name
 * @param entityPackages packages scanned, with their subpackages, for more of them at app build
 * @param schemaAction what happens to the schema at startup
 * @param transactionMode what happens to a request's transaction when it ends
 * @param sessionKey the dependency key of the request's {@code EntityManager}
 * @param engineKey the dependency key of the {@code EntityManagerFactory}
 * @param engineStateKey the app-state key of the {@code EntityManagerFactory}
 * @param properties further Hibernate / Jakarta Persistence properties
 * @param translateErrors whether database errors become 409/404/503 (see {@link JpaPlugin})
 * @param readOnlySafeMethods whether GET, HEAD and OPTIONS requests get a read-only session (see
 *     {@link Builder#readOnlySafeMethods})
 */
public record JpaConfig(
        DataSourceConfig dataSource,
        List<Class<?>> entityClasses,
        List<String> entityPackages,
        SchemaAction schemaAction,
        TransactionMode transactionMode,
        String sessionKey,
        String engineKey,
        String engineStateKey,
        Map<String, Object> properties,
        boolean translateErrors,
        boolean readOnlySafeMethods) {

    public JpaConfig {
        Objects.requireNonNull(dataSource, "dataSource");
        entityClasses = List.copyOf(entityClasses);
        entityPackages = List.copyOf(entityPackages);
        Objects.requireNonNull(schemaAction, "schemaAction");
        Objects.requireNonNull(transactionMode, "transactionMode");
        requireKey(sessionKey, "sessionKey");
        requireKey(engineKey, "engineKey");
        requireKey(engineStateKey, "engineStateKey");
        if (sessionKey.equals(engineKey)) {
            throw new IllegalArgumentException(
                    "The session and the engine need different keys, both are '" + sessionKey + "'");
        }
        properties = Map.copyOf(properties);
        if (entityClasses.isEmpty() && entityPackages.isEmpty()) {
            throw new IllegalArgumentException("JpaConfig needs entities: list them with entities(…) or name their"
                    + " packages with entityPackages(…)");
        }
    }

    private static void requireKey(String key, String what) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link JpaConfig}; connection and pool settings come from {@link DatabaseConfigBuilder}. */
    public static final class Builder extends DatabaseConfigBuilder<Builder> {

        private final List<Class<?>> entityClasses = new ArrayList<>();
        private final List<String> entityPackages = new ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private SchemaAction schemaAction = SchemaAction.NONE;
        private TransactionMode transactionMode = TransactionMode.MANUAL;
        private String sessionKey = "dbSession";
        private String engineKey = "dbEngine";
        private String engineStateKey = "dbEngine";
        private boolean translateErrors = true;
        private boolean readOnlySafeMethods = true;

        private Builder() {
            super("rigel-jpa");
        }

        /** Entity classes, and any embeddables, mapped superclasses or attribute converters Hibernate must know. */
        public Builder entities(Class<?>... classes) {
            for (Class<?> type : classes) {
                entityClasses.add(Objects.requireNonNull(type, "entity class"));
            }
            return this;
        }

        /**
         * Packages (with subpackages) whose {@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass}
         * and {@code @Converter} classes are added, found when the app is built. Directories and jars
         * on the class path are searched; a jar must list its directories (Maven's jar and shade
         * plugins do). A package with none of them fails the app's build.
         */
        public Builder entityPackages(String... packages) {
            for (String name : packages) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("An entity package name must not be empty");
                }
                entityPackages.add(name);
            }
            return this;
        }

        /** What happens to the schema at startup ({@link SchemaAction#NONE} by default). */
        public Builder schemaAction(SchemaAction action) {
            this.schemaAction = Objects.requireNonNull(action, "action");
            return this;
        }

        /** What happens to each request's transaction ({@link TransactionMode#MANUAL} by default). */
        public Builder transactionMode(TransactionMode mode) {
            this.transactionMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The dependency key of the request's {@code EntityManager} ({@code dbSession}). */
        public Builder sessionKey(String key) {
            this.sessionKey = key;
            return this;
        }

        /** The dependency key of the {@code EntityManagerFactory} ({@code dbEngine}). */
        public Builder engineKey(String key) {
            this.engineKey = key;
            return this;
        }

        /** The app-state key of the {@code EntityManagerFactory} ({@code dbEngine}). */
        public Builder engineStateKey(String key) {
            this.engineStateKey = key;
            return this;
        }

        /** A Hibernate or Jakarta Persistence property, e.g. {@code ("hibernate.show_sql", true)}. */
        public Builder property(String name, Object value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Whether GET, HEAD and OPTIONS requests, which HTTP says only read, get a read-only session
         * (true by default): entities are loaded without the snapshots that dirty checking keeps and
         * the session is not flushed, so a listing costs less. What such a request persists or
         * removes is still written when its transaction commits; changes to entities it loaded are
         * not (Hibernate's read-only contract). A GET that must change what it loaded marks it
         * modifiable first ({@code dbSession.unwrap(Session.class).setReadOnly(entity, false)});
         * an app whose GET handlers change loaded entities as a rule turns this off.
         */
        public Builder readOnlySafeMethods(boolean readOnly) {
            this.readOnlySafeMethods = readOnly;
            return this;
        }

        /** Whether database errors become 409/404/503 answers (true by default). */
        public Builder translateErrors(boolean translate) {
            this.translateErrors = translate;
            return this;
        }

        public JpaConfig build() {
            return new JpaConfig(
                    dataSourceConfig(),
                    entityClasses,
                    entityPackages,
                    schemaAction,
                    transactionMode,
                    sessionKey,
                    engineKey,
                    engineStateKey,
                    properties,
                    translateErrors,
                    readOnlySafeMethods);
        }
    }
}

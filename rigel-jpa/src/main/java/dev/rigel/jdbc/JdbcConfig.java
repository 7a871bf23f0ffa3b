package dev.rigel.jdbc;

import java.util.Objects;

/**
 * Settings of a {@link JdbcPlugin}: the database and pool ({@link DatabaseConfigBuilder}), the
 * dependency keys, and what happens to each request's transaction.
 *
 * <pre>{@code
 * JdbcConfig.builder()
 *         .url("postgresql://app:secret@db:5432/shop")     // or DATABASE_URL, or embedded H2
 *         .maxPoolSize(20)
 *         .transactionMode(TransactionMode.AUTOCOMMIT)      // commit on 2xx, roll back otherwise
 *         .build();
 * }</pre>
 *
 * @param dataSource the database and pool
 * @param transactionMode what happens to a request's transaction; null (the default) leaves
 *                        connections in JDBC auto-commit, where each statement commits by itself
 * @param dataSourceKey the dependency and app-state key of the pooled {@code DataSource}
 * @param connectionKey the dependency key of the request's {@code Connection}
 * @param translateErrors whether database errors become 409/404/503 (see {@link JdbcPlugin})
 */
public record JdbcConfig(
        DataSourceConfig dataSource,
        TransactionMode transactionMode,
        String dataSourceKey,
        String connectionKey,
        boolean translateErrors) {

    public JdbcConfig {
        Objects.requireNonNull(dataSource, "dataSource");
        requireKey(dataSourceKey, "dataSourceKey");
        requireKey(connectionKey, "connectionKey");
        if (dataSourceKey.equals(connectionKey)) {
            throw new IllegalArgumentException(
                    "The DataSource and the Connection need different keys, both are '" + dataSourceKey + "'");
        }
    }

    static void requireKey(String key, String what) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link JdbcConfig}; connection and pool settings come from {@link DatabaseConfigBuilder}. */
    public static final class Builder extends DatabaseConfigBuilder<Builder> {

        private TransactionMode transactionMode;
        private String dataSourceKey = "dataSource";
        private String connectionKey = "dbConnection";
        private boolean translateErrors = true;

        private Builder() {
            super("rigel-jdbc");
        }

        /**
         * Manages each request's transaction: connections leave JDBC auto-commit, and the request's
         * work is committed or rolled back when it ends, as {@code mode} says.
         */
        public Builder transactionMode(TransactionMode mode) {
            this.transactionMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The key of the pooled {@code DataSource}, as a dependency and in app state ({@code dataSource}). */
        public Builder dataSourceKey(String key) {
            this.dataSourceKey = key;
            return this;
        }

        /** The key of the request's {@code Connection} ({@code dbConnection}). */
        public Builder connectionKey(String key) {
            this.connectionKey = key;
            return this;
        }

        /** Whether database errors become 409/404/503 answers (true by default). */
        public Builder translateErrors(boolean translate) {
            this.translateErrors = translate;
            return this;
        }

        public JdbcConfig build() {
            return new JdbcConfig(dataSourceConfig(), transactionMode, dataSourceKey, connectionKey, translateErrors);
        }
    }
}

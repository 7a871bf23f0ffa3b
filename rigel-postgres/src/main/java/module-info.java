/** A channels backend on PostgreSQL LISTEN/NOTIFY. */
module dev.rigel.postgres {
    requires transitive dev.rigel.core;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports dev.rigel.postgres;
}

package dev.rigel.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the database, with the backend's settings. */
@FunctionalInterface
public interface ConnectionFactory {

    Connection open() throws SQLException;
}

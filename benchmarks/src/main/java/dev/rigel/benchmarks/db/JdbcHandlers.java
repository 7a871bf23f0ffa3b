package dev.rigel.benchmarks.db;

import dev.rigel.benchmarks.common.JdbcWorlds;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.common.World;
import dev.rigel.response.Template;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * TechEmpower's database tests on {@code JdbcPlugin}: plain JDBC ({@link JdbcWorlds}) on the
 * request's pooled {@code dbConnection} (auto-commit).
 */
public final class JdbcHandlers {

    public World db(Connection dbConnection) throws SQLException {
        return JdbcWorlds.world(dbConnection);
    }

    public World[] queries(Optional<String> queries, Connection dbConnection) throws SQLException {
        return JdbcWorlds.worlds(dbConnection, TechEmpower.queries(queries.orElse(null)));
    }

    public World[] updates(Optional<String> queries, Connection dbConnection) throws SQLException {
        return JdbcWorlds.update(dbConnection, TechEmpower.queries(queries.orElse(null)));
    }

    public Template fortunes(Connection dbConnection) throws SQLException {
        return Template.of("fortunes.html", Map.of("fortunes", JdbcWorlds.fortunes(dbConnection)));
    }
}

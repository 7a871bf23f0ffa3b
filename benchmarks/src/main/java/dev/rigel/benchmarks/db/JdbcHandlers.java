package dev.rigel.benchmarks.db;

import dev.rigel.benchmarks.common.Fortune;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.common.World;
import dev.rigel.response.Template;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TechEmpower's database tests on {@code JdbcPlugin}: plain JDBC on the request's pooled
 * {@code dbConnection} (auto-commit), each row read by its own prepared statement.
 */
public final class JdbcHandlers {

    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = ?";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = ? WHERE id = ?";
    private static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";

    public World db(Connection dbConnection) throws SQLException {
        try (PreparedStatement select = dbConnection.prepareStatement(SELECT_WORLD)) {
            return read(select, TechEmpower.randomId());
        }
    }

    public World[] queries(Optional<String> queries, Connection dbConnection) throws SQLException {
        World[] worlds = new World[TechEmpower.queries(queries.orElse(null))];
        try (PreparedStatement select = dbConnection.prepareStatement(SELECT_WORLD)) {
            for (int i = 0; i < worlds.length; i++) {
                worlds[i] = read(select, TechEmpower.randomId());
            }
        }
        return worlds;
    }

    public World[] updates(Optional<String> queries, Connection dbConnection) throws SQLException {
        World[] worlds = new World[TechEmpower.queries(queries.orElse(null))];
        try (PreparedStatement select = dbConnection.prepareStatement(SELECT_WORLD)) {
            for (int i = 0; i < worlds.length; i++) {
                World old = read(select, TechEmpower.randomId());
                worlds[i] = new World(old.id(), TechEmpower.newRandomNumber(old.randomNumber()));
            }
        }
        // written in id order, one batch: concurrent requests then lock rows in the same order
        World[] sorted = worlds.clone();
        Arrays.sort(sorted);
        try (PreparedStatement update = dbConnection.prepareStatement(UPDATE_WORLD)) {
            for (World world : sorted) {
                update.setInt(1, world.randomNumber());
                update.setInt(2, world.id());
                update.addBatch();
            }
            update.executeBatch();
        }
        return worlds;
    }

    public Template fortunes(Connection dbConnection) throws SQLException {
        List<Fortune> fortunes = new ArrayList<>(16);
        try (PreparedStatement select = dbConnection.prepareStatement(SELECT_FORTUNES);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                fortunes.add(new Fortune(rows.getInt(1), rows.getString(2)));
            }
        }
        fortunes.add(TechEmpower.ADDED_FORTUNE);
        Collections.sort(fortunes);
        return Template.of("fortunes.html", Map.of("fortunes", fortunes));
    }

    private static World read(PreparedStatement select, int id) throws SQLException {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return new World(row.getInt(1), row.getInt(2));
        }
    }
}

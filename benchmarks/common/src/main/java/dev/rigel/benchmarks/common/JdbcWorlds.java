package dev.rigel.benchmarks.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * TechEmpower's database tests in plain JDBC (auto-commit): each row read by its own prepared
 * statement, updates written as one batch in id order. The static methods work on a connection a
 * framework hands out (Rigel's {@code JdbcPlugin}); an instance borrows one per call from a pooled
 * {@link DataSource}, for the contenders that bring no data layer of their own (Helidon SE, Javalin).
 */
public final class JdbcWorlds {

    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = ?";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = ? WHERE id = ?";
    private static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";

    private final DataSource dataSource;

    public JdbcWorlds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public World world() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return world(connection);
        }
    }

    public World[] worlds(int count) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return worlds(connection, count);
        }
    }

    public World[] update(int count) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, count);
        }
    }

    /** Every fortune plus the one added at request time, sorted by message. */
    public List<Fortune> fortunes() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return fortunes(connection);
        }
    }

    public static World world(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_WORLD)) {
            return read(select, TechEmpower.randomId());
        }
    }

    public static World[] worlds(Connection connection, int count) throws SQLException {
        World[] worlds = new World[count];
        try (PreparedStatement select = connection.prepareStatement(SELECT_WORLD)) {
            for (int i = 0; i < count; i++) {
                worlds[i] = read(select, TechEmpower.randomId());
            }
        }
        return worlds;
    }

    /** Reads {@code count} random rows, gives each a new number, and writes them in id order. */
    public static World[] update(Connection connection, int count) throws SQLException {
        World[] worlds = new World[count];
        try (PreparedStatement select = connection.prepareStatement(SELECT_WORLD)) {
            for (int i = 0; i < count; i++) {
                World old = read(select, TechEmpower.randomId());
                worlds[i] = new World(old.id(), TechEmpower.newRandomNumber(old.randomNumber()));
            }
        }
        // written in id order, one batch: concurrent requests then lock rows in the same order
        World[] sorted = worlds.clone();
        Arrays.sort(sorted);
        try (PreparedStatement update = connection.prepareStatement(UPDATE_WORLD)) {
            for (World world : sorted) {
                update.setInt(1, world.randomNumber());
                update.setInt(2, world.id());
                update.addBatch();
            }
            update.executeBatch();
        }
        return worlds;
    }

    /** Every fortune plus the one added at request time, sorted by message. */
    public static List<Fortune> fortunes(Connection connection) throws SQLException {
        List<Fortune> fortunes = new ArrayList<>(16);
        try (PreparedStatement select = connection.prepareStatement(SELECT_FORTUNES);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                fortunes.add(new Fortune(rows.getInt(1), rows.getString(2)));
            }
        }
        fortunes.add(TechEmpower.ADDED_FORTUNE);
        Collections.sort(fortunes);
        return fortunes;
    }

    private static World read(PreparedStatement select, int id) throws SQLException {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return new World(row.getInt(1), row.getInt(2));
        }
    }
}

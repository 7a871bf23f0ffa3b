package dev.rigel.benchmarks.db;

import dev.rigel.benchmarks.common.Fortune;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.common.World;
import dev.rigel.response.Template;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TechEmpower's database tests on {@code PgClientPlugin}, as asynchronous handlers on the server's
 * event loop (the routes are {@code nonBlocking}): each returns the client's future, an
 * asynchronous answer, so no thread waits for PostgreSQL. A request sends all its queries at
 * once and the shared connections pipeline them; each row is still read by its own prepared
 * query, and updates are one batch in id order.
 */
public final class PgClientHandlers {

    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2";
    private static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";

    public Future<World> db(SqlClient pgClient) {
        return readWorld(pgClient, TechEmpower.randomId());
    }

    public Future<World[]> queries(Optional<String> queries, SqlClient pgClient) {
        return readWorlds(pgClient, TechEmpower.queries(queries.orElse(null)));
    }

    public Future<World[]> updates(Optional<String> queries, SqlClient pgClient) {
        return readWorlds(pgClient, TechEmpower.queries(queries.orElse(null))).compose(worlds -> {
            for (int i = 0; i < worlds.length; i++) {
                worlds[i] = new World(worlds[i].id(), TechEmpower.newRandomNumber(worlds[i].randomNumber()));
            }
            // written in id order, one batch: concurrent requests then lock rows in the same order
            World[] sorted = worlds.clone();
            Arrays.sort(sorted);
            List<Tuple> batch = new ArrayList<>(sorted.length);
            for (World world : sorted) {
                batch.add(Tuple.of(world.randomNumber(), world.id()));
            }
            return pgClient.preparedQuery(UPDATE_WORLD).executeBatch(batch).map(done -> worlds);
        });
    }

    public Future<Template> fortunes(SqlClient pgClient) {
        return pgClient.preparedQuery(SELECT_FORTUNES).execute().map(rows -> {
            List<Fortune> fortunes = new ArrayList<>(16);
            for (Row row : rows) {
                fortunes.add(new Fortune(row.getInteger(0), row.getString(1)));
            }
            fortunes.add(TechEmpower.ADDED_FORTUNE);
            Collections.sort(fortunes);
            return Template.of("fortunes.html", Map.of("fortunes", fortunes));
        });
    }

    /** N separate queries, all sent at once. */
    private static Future<World[]> readWorlds(SqlClient pgClient, int count) {
        List<Future<World>> reads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reads.add(readWorld(pgClient, TechEmpower.randomId()));
        }
        return Future.all(reads).map(all -> {
            World[] worlds = new World[count];
            for (int i = 0; i < count; i++) {
                worlds[i] = reads.get(i).result();
            }
            return worlds;
        });
    }

    private static Future<World> readWorld(SqlClient pgClient, int id) {
        return pgClient.preparedQuery(SELECT_WORLD).execute(Tuple.of(id)).map(rows -> {
            Row row = rows.iterator().next();
            return new World(row.getInteger(0), row.getInteger(1));
        });
    }
}

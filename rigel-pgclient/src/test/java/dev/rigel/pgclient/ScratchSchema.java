package dev.rigel.pgclient;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own on the local server (database {@code test}, user {@code postgres}),
 * with the tables the tests use, dropped on close; made with the same reactive client, so the
 * tests need no second driver.
 */
final class ScratchSchema implements AutoCloseable {

    static final int PORT = 5432;

    final String name =
            "rigel_pgclient_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    ScratchSchema() {
        run(
                "CREATE SCHEMA " + name,
                "CREATE TABLE " + name + ".item (id int PRIMARY KEY, name text NOT NULL"
                        + " CONSTRAINT item_name_key UNIQUE)",
                "INSERT INTO " + name + ".item SELECT i, 'item ' || i FROM generate_series(1, 50) i");
    }

    /** The schema's URL, as an app would give it: JDBC's {@code currentSchema} names the schema. */
    String url() {
        return url(PORT);
    }

    String url(int port) {
        return "postgresql://postgres@127.0.0.1:" + port + "/test?currentSchema=" + name;
    }

    @Override
    public void close() {
        run("DROP SCHEMA " + name + " CASCADE");
    }

    private static void run(String... statements) {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .connectingTo(new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(PORT)
                        .setDatabase("test")
                        .setUser("postgres"))
                .using(vertx)
                .build();
        try {
            for (String statement : statements) {
                pool.query(statement).execute().await();
            }
        } finally {
            pool.close().await();
            vertx.close().await();
        }
    }
}

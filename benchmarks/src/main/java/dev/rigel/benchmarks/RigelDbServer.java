package dev.rigel.benchmarks;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.db.FortuneEntity;
import dev.rigel.benchmarks.db.JdbcHandlers;
import dev.rigel.benchmarks.db.JpaHandlers;
import dev.rigel.benchmarks.db.PgClientHandlers;
import dev.rigel.benchmarks.db.WorldEntity;
import dev.rigel.jdbc.JdbcConfig;
import dev.rigel.jdbc.JdbcPlugin;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.JpaConfig;
import dev.rigel.jpa.JpaPlugin;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.pebble.PebbleTemplates;
import dev.rigel.pgclient.PgClientConfig;
import dev.rigel.pgclient.PgClientPlugin;

/**
 * Rigel serving TechEmpower's database tests ({@code /db}, {@code /queries}, {@code /fortunes},
 * {@code /updates}) from the local PostgreSQL ({@link TechEmpower#databaseUrl()}), handlers on
 * virtual threads (Rigel's default) for JDBC and JPA, fortunes rendered by Pebble ({@code templates/fortunes.html}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.RigelDbServer PORT jdbc|jpa|pgclient} —
 * {@code jdbc}: {@link JdbcPlugin}, a pooled connection per request in auto-commit; {@code jpa}:
 * {@link JpaPlugin}, a Hibernate session per request committed after a 2xx, JDBC batches of 50
 * with updates ordered by id; {@code pgclient}: {@link PgClientPlugin}, the Vert.x reactive client's
 * pipelined connections, asynchronous handlers on the event loop that send a request's queries at once.
 */
public final class RigelDbServer {

    /** HikariCP's pool-sizing rule, (2 x cores) + 1, for this 2-core machine that also runs PostgreSQL. */
    static final int POOL_SIZE = 5;

    /**
     * The reactive client set up as the {@code vertx-pg} contender sets up the same client (and
     * TechEmpower's Vert.x entry): one connection per core, pipelining without a practical limit,
     * so the two differ only in the framework around the client.
     */
    static final int PIPELINED_CONNECTIONS = Runtime.getRuntime().availableProcessors();

    static final int PIPELINING_LIMIT = 100_000;

    private RigelDbServer() {}

    /** The data layers this server can serve the tests with. */
    public enum Client {
        JDBC,
        JPA,
        PGCLIENT
    }

    public static App create(Client client) {
        App.Builder app = App.builder().plugins(PebbleTemplates.classpath("templates"));
        if (client == Client.JPA) {
            JpaHandlers handlers = new JpaHandlers();
            app.plugins(new JpaPlugin(JpaConfig.builder()
                            .url(TechEmpower.databaseUrl())
                            .maxPoolSize(POOL_SIZE)
                            .entities(WorldEntity.class, FortuneEntity.class)
                            .transactionMode(TransactionMode.AUTOCOMMIT)
                            .property("hibernate.jdbc.batch_size", 50)
                            .property("hibernate.order_updates", true)
                            .build()))
                    .routeHandlers(
                            Route.get("/db", handlers::db),
                            Route.get("/queries", handlers::queries),
                            Route.get("/updates", handlers::updates),
                            Route.get("/fortunes", handlers::fortunes));
        } else if (client == Client.PGCLIENT) {
            PgClientHandlers handlers = new PgClientHandlers();
            app.plugins(new PgClientPlugin(PgClientConfig.builder()
                            .url(TechEmpower.databaseUrl())
                            .maxSize(PIPELINED_CONNECTIONS)
                            .pipeliningLimit(PIPELINING_LIMIT)
                            .build()))
                    // asynchronous handlers: they answer on the event loop, no thread waits for PostgreSQL
                    .routeHandlers(
                            Route.get("/db", handlers::db).nonBlocking(),
                            Route.get("/queries", handlers::queries).nonBlocking(),
                            Route.get("/updates", handlers::updates).nonBlocking(),
                            Route.get("/fortunes", handlers::fortunes).nonBlocking());
        } else {
            JdbcHandlers handlers = new JdbcHandlers();
            app.plugins(new JdbcPlugin(JdbcConfig.builder()
                            .url(TechEmpower.databaseUrl())
                            .maxPoolSize(POOL_SIZE)
                            .build()))
                    .routeHandlers(
                            Route.get("/db", handlers::db),
                            Route.get("/queries", handlers::queries),
                            Route.get("/updates", handlers::updates),
                            Route.get("/fortunes", handlers::fortunes));
        }
        return app.build();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Client client = Client.valueOf(args.length > 1 ? args[1].toUpperCase(java.util.Locale.ROOT) : "JDBC");
        RigelServer server = new RigelServer(
                create(client),
                ServerConfig.builder().host("127.0.0.1").port(port).build());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rigel-shutdown"));
        server.start();
        System.out.println("rigel (" + client + ") listening on " + server.url());
        server.awaitShutdown();
    }
}

package dev.rigel.benchmarks;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.db.FortuneEntity;
import dev.rigel.benchmarks.db.JdbcHandlers;
import dev.rigel.benchmarks.db.JpaHandlers;
import dev.rigel.benchmarks.db.WorldEntity;
import dev.rigel.jdbc.JdbcConfig;
import dev.rigel.jdbc.JdbcPlugin;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.JpaConfig;
import dev.rigel.jpa.JpaPlugin;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.pebble.PebbleTemplates;

/**
 * Rigel serving TechEmpower's database tests ({@code /db}, {@code /queries}, {@code /fortunes},
 * {@code /updates}) from the local PostgreSQL ({@link TechEmpower#databaseUrl()}), handlers on
 * virtual threads (Rigel's default), fortunes rendered by Pebble ({@code templates/fortunes.html}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.RigelDbServer PORT jdbc|jpa} —
 * {@code jdbc}: {@link JdbcPlugin}, a pooled connection per request in auto-commit; {@code jpa}:
 * {@link JpaPlugin}, a Hibernate session per request committed after a 2xx, JDBC batches of 50
 * with updates ordered by id.
 */
public final class RigelDbServer {

    /** HikariCP's pool-sizing rule, (2 x cores) + 1, for this 2-core machine that also runs PostgreSQL. */
    static final int POOL_SIZE = 5;

    private RigelDbServer() {}

    public static App create(boolean jpa) {
        App.Builder app = App.builder().plugins(PebbleTemplates.classpath("templates"));
        if (jpa) {
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
        boolean jpa = args.length > 1 && args[1].equals("jpa");
        RigelServer server = new RigelServer(
                create(jpa), ServerConfig.builder().host("127.0.0.1").port(port).build());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rigel-shutdown"));
        server.start();
        System.out.println("rigel (" + (jpa ? "JpaPlugin" : "JdbcPlugin") + ") listening on " + server.url());
        server.awaitShutdown();
    }
}

package dev.rigel.benchmarks.javalin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rigel.benchmarks.common.JdbcWorlds;
import dev.rigel.benchmarks.common.TechEmpower;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.Javalin;
import java.util.Map;

/**
 * Javalin 7 (Jetty 12, handlers on virtual threads) serving TechEmpower's database tests with
 * blocking JDBC on a HikariCP pool, JSON through Javalin's Jackson mapper, fortunes from a jte
 * template precompiled at build ({@code src/main/jte/fortunes.jte}, HTML content type: output
 * escaped), as TechEmpower's Javalin entry renders them. Jetty sends {@code Date}, and {@code Server}
 * once its HTTP configuration says so.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.rigel.benchmarks.javalin.JavalinDbServer PORT}.
 */
public final class JavalinDbServer {

    /** HikariCP's pool-sizing rule, (2 x cores) + 1, for this 2-core machine that also runs PostgreSQL. */
    static final int POOL_SIZE = 5;

    private JavalinDbServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(TechEmpower.jdbcUrl());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName("javalin-hikari");
        JdbcWorlds db = new JdbcWorlds(new HikariDataSource(pool));
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        Javalin.create(config -> {
                    config.concurrency.useVirtualThreads = true;
                    config.startup.showJavalinBanner = false;
                    // TechEmpower requires a Server header; Jetty sends it when asked ("Jetty(12…)")
                    config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(true));
                    config.routes.get("/db", ctx -> ctx.json(db.world()));
                    config.routes.get(
                            "/queries", ctx -> ctx.json(db.worlds(TechEmpower.queries(ctx.queryParam("queries")))));
                    config.routes.get(
                            "/updates", ctx -> ctx.json(db.update(TechEmpower.queries(ctx.queryParam("queries")))));
                    config.routes.get("/fortunes", ctx -> {
                        Utf8ByteOutput html = new Utf8ByteOutput();
                        templates.render("fortunes.jte", Map.of("fortunes", db.fortunes()), html);
                        ctx.contentType("text/html; charset=utf-8").result(html.toByteArray());
                    });
                })
                .start("127.0.0.1", port);
        System.out.println("javalin db listening on http://127.0.0.1:" + port);
    }
}

package dev.rigel.benchmarks.helidon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rigel.benchmarks.common.JdbcWorlds;
import dev.rigel.benchmarks.common.TechEmpower;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * Helidon SE 4.5 (a virtual thread per request) serving TechEmpower's database tests with blocking
 * JDBC on a HikariCP pool, as TechEmpower's Helidon entry does in its JDBC variant; fortunes are a
 * jte template precompiled at build ({@code src/main/jte/fortunes.jte}, HTML content type: output
 * escaped). Helidon sends {@code Date}; {@code Server} is added per response.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.rigel.benchmarks.helidon.HelidonDbServer PORT}.
 */
public final class HelidonDbServer {

    /** HikariCP's pool-sizing rule, (2 x cores) + 1, for this 2-core machine that also runs PostgreSQL. */
    static final int POOL_SIZE = 5;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HelidonDbServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(TechEmpower.jdbcUrl());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName("helidon-db");
        JdbcWorlds db = new JdbcWorlds(new HikariDataSource(pool));
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get("/db", (req, res) -> json(res, db.world()))
                        .get(
                                "/queries",
                                (req, res) -> json(
                                        res,
                                        db.worlds(queries(
                                                req.query().first("queries").orElse(null)))))
                        .get(
                                "/updates",
                                (req, res) -> json(
                                        res,
                                        db.update(queries(
                                                req.query().first("queries").orElse(null)))))
                        .get("/fortunes", (req, res) -> {
                            Utf8ByteOutput html = new Utf8ByteOutput();
                            templates.render("fortunes.jte", Map.of("fortunes", db.fortunes()), html);
                            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8"));
                            res.header(HeaderNames.SERVER, "Helidon");
                            res.send(html.toByteArray());
                        }))
                .build()
                .start();
        System.out.println("helidon db listening on http://127.0.0.1:" + server.port());
    }

    private static int queries(String value) {
        return TechEmpower.queries(value);
    }

    private static void json(ServerResponse res, Object value) throws Exception {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.SERVER, "Helidon");
        res.send(MAPPER.writeValueAsBytes(value));
    }
}

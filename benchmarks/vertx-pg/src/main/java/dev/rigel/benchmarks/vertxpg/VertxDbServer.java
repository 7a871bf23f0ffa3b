package dev.rigel.benchmarks.vertxpg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.benchmarks.common.Fortune;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.common.World;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.common.template.TemplateEngine;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Vert.x-web 5 with the reactive PostgreSQL client serving TechEmpower's database tests, set up
 * the way Vert.x scales and the way TechEmpower's vertx-web entry does: one verticle per core, each
 * with its own HTTP server on the shared port and its own pipelining client of one connection
 * (prepared statements cached), so a request's queries go out together on its event loop's
 * connection. Fortunes are rendered by vertx-web's Handlebars engine (HTML-escaping {@code {{ }}}).
 * {@code Server} and {@code Date} are set per response as TechEmpower requires (Vert.x sends neither).
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.rigel.benchmarks.vertxpg.VertxDbServer PORT}.
 */
public final class VertxDbServer extends AbstractVerticle {

    /** Connections per verticle (event loop): one, pipelined, as TechEmpower's vertx-web. */
    static final int CONNECTIONS_PER_LOOP = 1;

    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2";
    private static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int port;
    private SqlClient client;
    private TemplateEngine templates;
    private String date;

    VertxDbServer(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new VertxDbServer(port), new DeploymentOptions().setInstances(loops))
                .await();
        System.out.println("vert.x pg listening on http://127.0.0.1:" + port + " (" + loops
                + " verticles, native transport " + vertx.isNativeTransportEnabled() + ")");
    }

    @Override
    public void start(Promise<Void> started) {
        client = PgBuilder.client()
                .with(new PoolOptions().setMaxSize(CONNECTIONS_PER_LOOP))
                .connectingTo(connectOptions())
                .using(vertx)
                .build();
        templates = HandlebarsTemplateEngine.create(vertx);
        date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());
        vertx.setPeriodic(1000, id -> date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()));
        Router router = Router.router(vertx);
        router.get("/db").handler(this::db);
        router.get("/queries").handler(this::queries);
        router.get("/updates").handler(this::updates);
        router.get("/fortunes").handler(this::fortunes);
        vertx.createHttpServer()
                .requestHandler(router)
                .listen(port, "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }

    /** {@link TechEmpower#databaseUrl()} (postgresql://user@host:port/db?currentSchema=s) as connect options. */
    private static PgConnectOptions connectOptions() {
        URI url = URI.create(TechEmpower.databaseUrl());
        String userInfo = url.getUserInfo() == null ? "postgres" : url.getUserInfo();
        int colon = userInfo.indexOf(':');
        String schema = TechEmpower.SCHEMA;
        if (url.getQuery() != null) {
            for (String pair : url.getQuery().split("&")) {
                if (pair.startsWith("currentSchema=")) {
                    schema = pair.substring("currentSchema=".length());
                }
            }
        }
        PgConnectOptions options = new PgConnectOptions()
                .setHost(url.getHost())
                .setPort(url.getPort() < 0 ? 5432 : url.getPort())
                .setDatabase(url.getPath().substring(1))
                .setUser(colon < 0 ? userInfo : userInfo.substring(0, colon))
                .setCachePreparedStatements(true)
                .setPipeliningLimit(100_000)
                .setProperties(Map.of("search_path", schema));
        if (colon >= 0) {
            options.setPassword(userInfo.substring(colon + 1));
        }
        return options;
    }

    private void db(RoutingContext ctx) {
        readWorld(TechEmpower.randomId()).onSuccess(world -> json(ctx, world)).onFailure(ctx::fail);
    }

    private void queries(RoutingContext ctx) {
        readWorlds(TechEmpower.queries(ctx.request().getParam("queries")))
                .onSuccess(worlds -> json(ctx, worlds))
                .onFailure(ctx::fail);
    }

    private void updates(RoutingContext ctx) {
        readWorlds(TechEmpower.queries(ctx.request().getParam("queries")))
                .compose(read -> {
                    World[] changed = new World[read.length];
                    for (int i = 0; i < read.length; i++) {
                        changed[i] = new World(read[i].id(), TechEmpower.newRandomNumber(read[i].randomNumber()));
                    }
                    // one batch in id order, so concurrent batches lock rows in the same order
                    World[] sorted = changed.clone();
                    Arrays.sort(sorted);
                    List<Tuple> batch = new ArrayList<>(sorted.length);
                    for (World world : sorted) {
                        batch.add(Tuple.of(world.randomNumber(), world.id()));
                    }
                    return client.preparedQuery(UPDATE_WORLD)
                            .executeBatch(batch)
                            .map(done -> changed);
                })
                .onSuccess(worlds -> json(ctx, worlds))
                .onFailure(ctx::fail);
    }

    private void fortunes(RoutingContext ctx) {
        client.preparedQuery(SELECT_FORTUNES)
                .execute()
                .compose(rows -> {
                    List<Fortune> fortunes = new ArrayList<>(16);
                    for (Row row : rows) {
                        fortunes.add(new Fortune(row.getInteger(0), row.getString(1)));
                    }
                    fortunes.add(TechEmpower.ADDED_FORTUNE);
                    Collections.sort(fortunes);
                    List<Map<String, Object>> view = new ArrayList<>(fortunes.size());
                    for (Fortune fortune : fortunes) {
                        view.add(Map.of("id", fortune.id(), "message", fortune.message()));
                    }
                    return templates.render(Map.of("fortunes", view), "templates/fortunes.hbs");
                })
                .onSuccess(html -> headers(ctx.response())
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                        .end(html))
                .onFailure(ctx::fail);
    }

    private Future<World> readWorld(int id) {
        return client.preparedQuery(SELECT_WORLD).execute(Tuple.of(id)).map(rows -> {
            Row row = rows.iterator().next();
            return new World(row.getInteger(0), row.getInteger(1));
        });
    }

    /** N separate queries, all sent at once on the pipelined connection. */
    private Future<World[]> readWorlds(int count) {
        List<Future<World>> reads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reads.add(readWorld(TechEmpower.randomId()));
        }
        return Future.all(reads).map(all -> {
            World[] worlds = new World[count];
            for (int i = 0; i < count; i++) {
                worlds[i] = all.resultAt(i);
            }
            return worlds;
        });
    }

    private HttpServerResponse headers(HttpServerResponse response) {
        return response.putHeader(HttpHeaders.SERVER, "vert.x").putHeader(HttpHeaders.DATE, date);
    }

    private void json(RoutingContext ctx, Object value) {
        try {
            headers(ctx.response())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(MAPPER.writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}

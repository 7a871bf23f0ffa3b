package dev.rigel.benchmarks.vertx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Vert.x-web 5 with the benchmark routes, handlers on the event loops (one verticle instance per
 * core, each with its HTTP server, sharing the port: the usual Vert.x scaling), HTTP/1.1 and h2c. JSON is written with one shared Jackson mapper; the
 * bearer check is a route handler on {@code /api/v1/*} that calls {@code next()}.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.rigel.benchmarks.vertx.VertxBenchServer PORT
 * [INSTANCES]} (default: one per core).
 */
public final class VertxBenchServer {

    private static final Buffer PLAINTEXT = Buffer.buffer("Hello, World!");
    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** HTTP/1.1, and HTTP/2 over cleartext (h2c: prior knowledge and upgrade), the harness's h2-* workloads. */
    private static final HttpServerOptions OPTIONS = new HttpServerOptions().setHttp2ClearTextEnabled(true);

    private VertxBenchServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int instances = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        BenchData db = new BenchData();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new HttpVerticle(port, db), new DeploymentOptions().setInstances(instances))
                .await();
        System.out.println("vert.x listening on http://127.0.0.1:" + port + " (" + instances
                + " verticle instances, native transport " + vertx.isNativeTransportEnabled() + ")");
    }

    /**
     * One HTTP server and its router. Each deployed instance runs on an event loop of its own and
     * they share the port, Vert.x's way of using several cores. (Servers created with {@code
     * createHttpServer} from the main thread instead all ended up on one event loop: one thread
     * served every connection.)
     */
    private static final class HttpVerticle extends VerticleBase {

        private final int port;
        private final BenchData db;

        HttpVerticle(int port, BenchData db) {
            this.port = port;
            this.db = db;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(OPTIONS)
                    .requestHandler(router(vertx, db))
                    .listen(port, "127.0.0.1");
        }
    }

    private static Router router(Vertx vertx, BenchData db) {
        Router router = Router.router(vertx);
        router.get("/plaintext")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/plain; charset=utf-8")
                        .end(PLAINTEXT));
        router.get("/json").handler(ctx -> json(ctx.response(), HELLO));
        router.route("/api/v1/*").handler(ctx -> {
            String auth = ctx.request().getHeader("Authorization");
            if (auth == null || !MessageDigest.isEqual(TOKEN, auth.trim().getBytes(StandardCharsets.UTF_8))) {
                ctx.response().setStatusCode(401).end();
            } else {
                ctx.next();
            }
        });
        router.get("/api/v1/users").handler(ctx -> json(ctx.response(), db.users()));
        router.get("/api/v1/users/:id").handler(ctx -> {
            BenchUser user = db.user(Long.parseLong(ctx.pathParam("id")));
            if (user == null) {
                ctx.response().setStatusCode(404).end();
            } else {
                json(ctx.response(), user);
            }
        });
        return router;
    }

    private static void json(HttpServerResponse response, Object value) {
        try {
            response.putHeader("content-type", "application/json").end(Buffer.buffer(MAPPER.writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }
}

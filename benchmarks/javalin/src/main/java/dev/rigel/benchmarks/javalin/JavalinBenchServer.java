package dev.rigel.benchmarks.javalin;

import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Javalin 7 (Jetty 12) with the benchmark routes; handlers on virtual threads, JSON through
 * Javalin's own Jackson mapper, the bearer check as a {@code before} handler on {@code /api/v1/*}.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.rigel.benchmarks.javalin.JavalinBenchServer PORT}.
 */
public final class JavalinBenchServer {

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);

    private JavalinBenchServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        BenchData db = new BenchData();
        Javalin.create(config -> {
                    config.concurrency.useVirtualThreads = true;
                    config.startup.showJavalinBanner = false;
                    config.routes.get(
                            "/plaintext",
                            ctx -> ctx.contentType("text/plain; charset=utf-8").result("Hello, World!"));
                    config.routes.get("/json", ctx -> ctx.json(HELLO));
                    config.routes.before("/api/v1/*", ctx -> {
                        String auth = ctx.header("Authorization");
                        if (auth == null
                                || !MessageDigest.isEqual(TOKEN, auth.trim().getBytes(StandardCharsets.UTF_8))) {
                            throw new UnauthorizedResponse("Invalid bearer token");
                        }
                    });
                    config.routes.get("/api/v1/users", ctx -> ctx.json(db.users()));
                    config.routes.get("/api/v1/users/{id}", ctx -> {
                        BenchUser user = db.user(Long.parseLong(ctx.pathParam("id")));
                        if (user == null) {
                            throw new NotFoundResponse("User not found");
                        }
                        ctx.json(user);
                    });
                })
                .start("127.0.0.1", port);
        System.out.println("javalin listening on http://127.0.0.1:" + port);
    }
}

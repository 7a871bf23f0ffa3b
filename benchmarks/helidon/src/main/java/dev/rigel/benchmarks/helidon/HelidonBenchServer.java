package dev.rigel.benchmarks.helidon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Helidon SE 4.5 webserver (its own HTTP/1.1 stack, a virtual thread per request) with the benchmark
 * routes. JSON is written with one shared Jackson mapper, the bearer check is a routing filter
 * on {@code /api/v1/*}.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.rigel.benchmarks.helidon.HelidonBenchServer PORT}.
 */
public final class HelidonBenchServer {

    private static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HelidonBenchServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        BenchData db = new BenchData();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get("/plaintext", (req, res) -> {
                            res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
                            res.send(PLAINTEXT);
                        })
                        .get("/json", (req, res) -> json(res, HELLO))
                        .any("/api/v1/*", (req, res) -> {
                            String auth = req.headers()
                                    .first(HeaderNames.AUTHORIZATION)
                                    .orElse(null);
                            if (auth == null
                                    || !MessageDigest.isEqual(TOKEN, auth.trim().getBytes(StandardCharsets.UTF_8))) {
                                res.status(Status.UNAUTHORIZED_401).send();
                            } else {
                                res.next();
                            }
                        })
                        .get("/api/v1/users", (req, res) -> json(res, db.users()))
                        .get("/api/v1/users/{id}", (req, res) -> {
                            BenchUser user = db.user(
                                    Long.parseLong(req.path().pathParameters().get("id")));
                            if (user == null) {
                                res.status(Status.NOT_FOUND_404).send();
                            } else {
                                json(res, user);
                            }
                        }))
                .build()
                .start();
        System.out.println("helidon listening on http://127.0.0.1:" + server.port());
    }

    private static void json(ServerResponse res, Object value) throws JsonProcessingException {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(MAPPER.writeValueAsBytes(value));
    }
}

package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.http.HandlerInfo;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.ScopeType;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestRequest;
import dev.rigel.testing.TestResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 21, made to stay fixed: every HTTP route of the seed, taken from its route table (so a new
 * route is covered without touching this test), gets a corpus of malformed input: bodies of the
 * wrong shape, type and encoding, wrong content types, bad path, query and header values. None may
 * be answered with a 5xx, every refusal has the standard error body, and nothing is logged at
 * ERROR.
 */
class SeedMalformedInputTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String TOKEN = "test-token";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)(?::([a-z]+))?}");

    private ListAppender<ILoggingEvent> logs;
    private Logger root;

    @BeforeEach
    void watchLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopWatching() {
        root.detachAppender(logs);
    }

    private static Sweep open(App app, Transport transport) {
        if (transport == Transport.IN_PROCESS) {
            return new Sweep(TestClient.of(app).defaultHeader("Authorization", "Bearer " + TOKEN), null);
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        URI base = URI.create(server.url());
        return new Sweep(
                TestClient.overHttp(app, base, server::stop).defaultHeader("Authorization", "Bearer " + TOKEN), base);
    }

    // ---- the corpus ----

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String repeat(String text, int times) {
        return text.repeat(times);
    }

    /** Bodies that are not what any route wants, each with a label for the failure message. */
    static Map<String, byte[]> bodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("null", utf8("null"));
        bodies.put("array", utf8("[]"));
        bodies.put("array of nulls", utf8("[null, null]"));
        bodies.put("string", utf8("\"x\""));
        bodies.put("number", utf8("1"));
        bodies.put("boolean", utf8("true"));
        bodies.put("empty object", utf8("{}"));
        bodies.put("empty", new byte[0]);
        bodies.put("whitespace", utf8("  \n "));
        bodies.put(
                "wrong types",
                utf8("{\"name\": 1, \"email\": [], \"password\": {}, \"user_id\": \"x\", \"items\": 3,"
                        + " \"total\": \"lots\", \"status\": 7, \"message\": null, \"channel\": []}"));
        bodies.put(
                "nulls everywhere",
                utf8("{\"name\": null, \"email\": null, \"password\": null, \"user_id\": null, \"items\": null,"
                        + " \"total\": null, \"status\": null, \"message\": null}"));
        bodies.put("duplicate fields", utf8("{\"name\": \"a\", \"name\": \"b\", \"email\": \"a@b.c\"}"));
        bodies.put("unknown fields", utf8("{\"id\": 7, \"is_admin\": true, \"password_hash\": \"x\"}"));
        bodies.put("truncated", utf8("{\"name\": \"Ada\", \"email\": "));
        bodies.put("trailing garbage", utf8("{\"name\": \"Ada\"} x"));
        bodies.put("comment", utf8("{/* hi */ \"name\": \"Ada\"}"));
        bodies.put("single quotes", utf8("{'name': 'Ada'}"));
        bodies.put("NaN", utf8("{\"total\": NaN, \"user_id\": NaN}"));
        bodies.put(
                "huge numbers",
                utf8("{\"user_id\": 1e999999, \"total\": 99999999999999999999999999999999999999,"
                        + " \"items\": -1e-2147483648}"));
        bodies.put("huge string", utf8("{\"name\": \"" + repeat("a", 200_000) + "\", \"email\": \"a@b.c\"}"));
        bodies.put("deep array", utf8(repeat("[", 5_000) + repeat("]", 5_000)));
        bodies.put("deep object", utf8(repeat("{\"a\":", 5_000) + "1" + repeat("}", 5_000)));
        bodies.put("long key", utf8("{\"" + repeat("k", 100_000) + "\": 1}"));
        bodies.put("many keys", utf8(manyKeys()));
        ByteArrayOutputStream overlong = new ByteArrayOutputStream();
        overlong.writeBytes(utf8("{\"name\": \"..."));
        overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        overlong.writeBytes(utf8("\", \"email\": \"a@b.c\"}"));
        bodies.put("overlong UTF-8", overlong.toByteArray());
        bodies.put("UTF-16", "{\"name\": \"Ada\", \"email\": \"a@b.c\"}".getBytes(StandardCharsets.UTF_16));
        bodies.put("lone surrogate escape", utf8("{\"name\": \"\\ud800\", \"email\": \"a@b.c\"}"));
        bodies.put("control characters", utf8("{\"name\": \"a\u0001b\", \"email\": \"a@b.c\"}"));
        bodies.put("NUL", new byte[] {'{', 0, '}'});
        bodies.put("binary", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, 3, (byte) 0x80});
        return bodies;
    }

    private static String manyKeys() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 20_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    /** Content types a JSON body may arrive under, wrong ones included. */
    static final List<String> CONTENT_TYPES = java.util.Arrays.asList(
            "application/json",
            null,
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "application/json; charset=utf-16",
            "application/json; charset",
            ";;;",
            "application/");

    /** Values for a path parameter, by its declared type (null: untyped). */
    static List<String> pathValues(String type) {
        List<String> values = new ArrayList<>(List.of(
                "abc",
                "-1",
                "0",
                "1.5",
                "99999999999999999999999",
                "%00",
                "%ff",
                "%",
                "%zz",
                "a%2Fb",
                "..%2F..",
                "%C0%AF",
                repeat("9", 5_000)));
        if (type == null || type.equals("path")) {
            values.add("..%2f..%2fetc%2fpasswd");
        }
        return values;
    }

    /** Query strings full of values no parameter takes. */
    static final List<String> QUERIES = List.of(
            "limit=abc&offset=-1",
            "limit=-5&offset=99999999999999999999",
            "limit=1e9&offset=0x10",
            "page=%zz&x=%",
            "limit=&offset=",
            "limit=1&limit=2&limit=3",
            "%00=%00",
            "a=" + "%ff".repeat(1_000),
            "=&&=&",
            "q[]=1&q[a]=2");

    /** Headers with values no parser should trip on. */
    static final List<Map<String, String>> HEADERS = List.of(
            Map.of("Accept", "application/json;q=abc, */*;q=-1, text/html;;;q"),
            Map.of("Accept", "/"),
            Map.of("Accept-Encoding", "gzip;q=x, br;q=2, *;q="),
            Map.of("If-None-Match", "\"unterminated"),
            Map.of("If-Modified-Since", "yesterday"),
            Map.of("Range", "bytes=9-1, -0, x-y"),
            Map.of("Cookie", "=; ;a==b; " + "c=%ff"),
            Map.of("Origin", "null"),
            Map.of("Content-Length", "0"));

    // ---- the sweep ----

    /** A concrete path for {@code template}, with {@code value} for every parameter. */
    static String fill(String template, java.util.function.Function<String, String> value) {
        Matcher matcher = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(value.apply(matcher.group(2))));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** The requests of one run, and what went wrong with their answers. */
    private static final class Sweep implements AutoCloseable {
        final TestClient client;
        /** The real server's address, for what java.net.http will not send (a malformed URI); null in-process. */
        final URI base;

        final List<String> problems = new ArrayList<>();
        int requests;

        Sweep(TestClient client, URI base) {
            this.client = client;
            this.base = base;
        }

        void check(String method, String target, Map<String, String> headers, byte[] body, String contentType) {
            String what = method + " " + abbreviate(target)
                    + (headers.isEmpty() ? "" : " with " + headers.keySet())
                    + (body == null ? "" : " (" + body.length + " bytes as " + contentType + ")");
            requests++;
            int status;
            String text;
            try {
                TestRequest request = client.request(method, target);
                headers.forEach(request::header);
                if (body != null) {
                    request.body(body, contentType);
                }
                TestResponse response = request.send();
                status = response.status();
                text = response.text();
            } catch (IllegalArgumentException unsendable) {
                if (base == null) {
                    problems.add(what + ": the request failed: " + unsendable);
                    return;
                }
                String[] answer = RawRequest.send(base, method, target, headers, body, contentType, TOKEN);
                status = Integer.parseInt(answer[0]);
                text = answer[1];
            } catch (RuntimeException e) {
                problems.add(what + ": the request failed: " + e);
                return;
            }
            if (status >= 500) {
                problems.add(what + ": " + status + " " + abbreviate(text));
                return;
            }
            if (status >= 400 && !method.equals("HEAD")) {
                String problem = standardErrorBody(status, text);
                if (problem != null) {
                    problems.add(what + ": " + status + " " + problem);
                }
            }
        }

        @Override
        public void close() {
            client.close();
        }

        /** Null when the body is {@code {"status_code": status, "detail": "…"[, "extra": …]}}. */
        private static String standardErrorBody(int status, String text) {
            JsonNode body;
            try {
                body = JSON.readTree(text);
            } catch (java.io.IOException | RuntimeException e) {
                return "not the standard error body: " + abbreviate(text);
            }
            if (body == null
                    || !body.path("status_code").isInt()
                    || body.path("status_code").asInt() != status
                    || !body.path("detail").isTextual()) {
                return "not the standard error body: " + abbreviate(text);
            }
            return null;
        }

        private static String abbreviate(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void noMalformedInputToAnySeedRouteIsA5xxOrAnErrorLogLine(Transport transport) {
        App app = SeedApp.create(SeedSettings.defaults().withApiToken(TOKEN).withRateLimit("minute,1000000"));
        List<HandlerInfo> routes = app.routes().stream()
                .filter(route -> route.scopeType() == ScopeType.HTTP)
                .toList();
        assertThat(routes).as("the seed's HTTP routes").hasSizeGreaterThan(10);
        Map<String, byte[]> bodies = bodies();
        try (Sweep sweep = open(app, transport)) {
            byte[] emptyObject = utf8("{}");
            byte[] plausible = utf8("{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"password\":"
                    + " \"correct horse\", \"user_id\": 1, \"items\": [\"x\"], \"total\": 3.5,"
                    + " \"message\": \"hi\", \"channel\": \"general\"}");
            for (HandlerInfo route : routes) {
                String template = route.pathTemplate();
                String valid = fill(template, type -> "1");
                for (String method : route.methods()) {
                    boolean takesBody = Set.of("POST", "PUT", "PATCH").contains(method);
                    for (String value : pathValues(null)) {
                        String path = fill(template, type -> value);
                        if (!path.equals(template)) {
                            sweep.check(method, path, Map.of(), emptyObject, "application/json");
                        }
                    }
                    for (String query : QUERIES) {
                        sweep.check(method, valid + "?" + query, Map.of(), null, null);
                    }
                    for (Map<String, String> headers : HEADERS) {
                        sweep.check(method, valid, headers, null, null);
                    }
                    if (!takesBody) {
                        continue;
                    }
                    for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                        sweep.check(
                                method, valid, Map.of("X-Corpus", body.getKey()), body.getValue(), "application/json");
                    }
                    for (String contentType : CONTENT_TYPES) {
                        sweep.check(method, valid, Map.of(), plausible, contentType);
                    }
                }
            }
            assertThat(sweep.requests).as("requests sent").isGreaterThan(500);
            assertThat(sweep.problems)
                    .as("answers that were not a defined client error")
                    .isEmpty();
        }
        List<String> errors = logs.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
                .toList();
        assertThat(errors).as("ERROR lines logged").isEmpty();
    }
}

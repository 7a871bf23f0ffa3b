package dev.rigel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.QueryParams;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.protocol.Headers;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Query parameters, headers, cookies and reserved names bind to handler parameters by name. */
class ParameterBindingTest {

    enum Sort {
        NEWEST,
        OLDEST
    }

    public static class Handlers {
        @Get("/q/required")
        public String required(String q) {
            return "q=" + q;
        }

        @Get("/q/defaults")
        public String defaults(
                @Param(defaultValue = "1") int page, @Param(query = "page_size", defaultValue = "20") int pageSize) {
            return "page=" + page + " size=" + pageSize;
        }

        @Get("/q/renamed")
        public String renamed(@Param(query = "page_size") int pageSize) {
            return "size=" + pageSize;
        }

        @Get("/q/optional")
        public String optional(Optional<Integer> limit, @Param(required = false) String cursor) {
            return "limit=" + limit.map(String::valueOf).orElse("none") + " cursor=" + cursor;
        }

        @Get("/q/lists")
        public String lists(List<Integer> ids, Set<String> tags, @Param(defaultValue = "x") List<String> fallback) {
            return "ids=" + ids + " tags=" + new TreeSet<>(tags) + " fallback=" + fallback;
        }

        @Get("/q/enums")
        public String enums(Sort sort, @Param(defaultValue = "oldest") Sort fallback) {
            return sort + " " + fallback;
        }

        @Get("/q/numbers")
        public String numbers(long big, double ratio, BigDecimal price, Short small, float f) {
            return big + " " + ratio + " " + price.toPlainString() + " " + small + " " + f;
        }

        @Get("/q/booleans")
        public String booleans(boolean a, Boolean b, @Param(defaultValue = "false") boolean c) {
            return a + " " + b + " " + c;
        }

        @Get("/q/times")
        public String times(LocalDate from, LocalDateTime at, Duration within, Instant ts, UUID id) {
            return from.plusDays(1) + " " + at.getHour() + " " + within.toMinutes() + " " + ts.getEpochSecond() + " "
                    + id.version();
        }

        @Get("/q/several")
        public String several(int a, int b, @Param(header = "x-n") int n) {
            return "" + (a + b + n);
        }

        @Get("/h")
        public String headers(
                @Param(header = "x-api-key") String apiKey,
                @Param(header = "x-count", defaultValue = "0") int count,
                @Param(header = "x-tag") List<String> tags) {
            return apiKey + " " + count + " " + tags;
        }

        @Get("/c")
        public String cookies(
                @Param(cookie = "session") String session,
                @Param(cookie = "theme", defaultValue = "light") String theme,
                @Param(cookie = "visits", required = false) Integer visits) {
            return session + " " + theme + " " + visits;
        }

        @Get("/r/request")
        public String request(Request request) {
            return request.method() + " " + request.path() + " "
                    + request.query().get("x") + " "
                    + request.header("x-custom").orElse("-") + " "
                    + request.cookie("c").orElse("-");
        }

        @Get("/r/request-by-type")
        public String requestByType(Request req) {
            return req.path();
        }

        @Get("/r/state")
        public String state(State state) {
            return state.get("name", String.class);
        }

        @Get("/r/headers")
        public String headers(Headers headers) {
            return headers.get("x-custom") + " " + headers.getAll("x-multi");
        }

        @Get("/r/cookies")
        public String cookies(Map<String, String> cookies) {
            return new java.util.TreeMap<>(cookies).toString();
        }

        @Get("/r/query")
        public String query(Map<String, List<String>> query) {
            return query.toString();
        }

        @Get("/r/query-params")
        public String queryParams(QueryParams query) {
            return query.getAll("a") + " " + query.names();
        }

        @Post("/r/body")
        public String body(byte[] body) {
            return body.length + " bytes, first " + body[0];
        }
    }

    static final App APP =
            App.builder().state("name", "rigel").routeHandlers(Handlers.class).build();

    private static String text(TestResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.text();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requiredQueryParameter(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/required?q=rigel"))).isEqualTo("q=rigel");
            assertThat(text(client.request("GET", "/q/required")
                            .query("q", "a b&c=d")
                            .send()))
                    .isEqualTo("q=a b&c=d");
            assertThat(text(client.get("/q/required?q=first&q=second"))).isEqualTo("q=first");
            assertThat(text(client.get("/q/required?q="))).isEqualTo("q=");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingRequiredQueryParameterIs400NamingIt(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.get("/q/required?other=1");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET "
                            + "/q/required\",\"extra\":[{\"key\":\"q\",\"message\":\"Missing required query parameter 'q'\","
                            + "\"source\":\"query\"}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void defaultsApplyWhenAbsent(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/defaults"))).isEqualTo("page=1 size=20");
            assertThat(text(client.get("/q/defaults?page=3&page_size=50"))).isEqualTo("page=3 size=50");
            // the Java name is not the query name once @Param(query=…) renames it
            assertThat(text(client.get("/q/defaults?pageSize=50"))).isEqualTo("page=1 size=20");
            assertThat(text(client.get("/q/renamed?page_size=7"))).isEqualTo("size=7");
            TestResponse missing = client.get("/q/renamed?pageSize=7");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text()).contains("Missing required query parameter 'page_size'");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void optionalAndNotRequiredParameters(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/optional"))).isEqualTo("limit=none cursor=null");
            assertThat(text(client.get("/q/optional?limit=5&cursor=abc"))).isEqualTo("limit=5 cursor=abc");
            TestResponse wrong = client.get("/q/optional?limit=five");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json().get("extra").get(0).get("key").asText()).isEqualTo("limit");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsAndSetsCollectRepeatedParameters(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/lists"))).isEqualTo("ids=[] tags=[] fallback=[x]");
            assertThat(text(client.get("/q/lists?ids=3&tags=b&ids=1&tags=a&tags=b&fallback=y&fallback=z")))
                    .isEqualTo("ids=[3, 1] tags=[a, b] fallback=[y, z]");
            TestResponse wrong = client.get("/q/lists?ids=1&ids=two");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text()).contains("\"key\":\"ids\",\"message\":\"expected an integer, got 'two'\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void enumsMatchByNameIgnoringCase(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/enums?sort=newest"))).isEqualTo("NEWEST OLDEST");
            assertThat(text(client.get("/q/enums?sort=OLDEST&fallback=Newest"))).isEqualTo("OLDEST NEWEST");
            TestResponse wrong = client.get("/q/enums?sort=random");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET /q/enums\","
                            + "\"extra\":[{\"key\":\"sort\",\"message\":\"expected one of NEWEST, OLDEST, got 'random'\","
                            + "\"source\":\"query\"}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void numbersConvert(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/numbers?big=9000000000&ratio=0.5&price=19.90&small=7&f=1.5")))
                    .isEqualTo("9000000000 0.5 19.90 7 1.5");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void booleansAcceptCommonSpellings(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/booleans?a=true&b=0"))).isEqualTo("true false false");
            assertThat(text(client.get("/q/booleans?a=yes&b=on&c=1"))).isEqualTo("true true true");
            assertThat(text(client.get("/q/booleans?a=FALSE&b=no&c=off"))).isEqualTo("false false false");
            TestResponse wrong = client.get("/q/booleans?a=maybe&b=true");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text()).contains("\"message\":\"expected a boolean, got 'maybe'\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void datesTimesAndIdentifiersConvert(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.get("/q/times?from=2024-02-28&at=2024-01-31T13:45:00&within=PT90M"
                            + "&ts=1970-01-01T00:01:40Z&id=0f8fad5b-d9cb-469f-a165-70867728950e")))
                    .isEqualTo("2024-02-29 13 90 100 4");
            TestResponse wrong = client.get("/q/times?from=31.01.2024&at=2024-01-31T13:45:00&within=PT1M"
                    + "&ts=1970-01-01T00:00:00Z&id=0f8fad5b-d9cb-469f-a165-70867728950e");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text())
                    .contains("{\"key\":\"from\",\"message\":\"expected a date (YYYY-MM-DD), got "
                            + "'31.01.2024'\",\"source\":\"query\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongTypeIs400WithKeyMessageAndSource(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.get("/q/defaults?page=abc");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET "
                            + "/q/defaults\",\"extra\":[{\"key\":\"page\",\"message\":\"expected an integer, got 'abc'\","
                            + "\"source\":\"query\"}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyBadParameterIsReportedAtOnce(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response =
                    client.request("GET", "/q/several?a=x").header("x-n", "y").send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET "
                            + "/q/several\",\"extra\":["
                            + "{\"key\":\"a\",\"message\":\"expected an integer, got 'x'\",\"source\":\"query\"},"
                            + "{\"key\":\"b\",\"message\":\"Missing required query parameter 'b'\",\"source\":\"query\"},"
                            + "{\"key\":\"x-n\",\"message\":\"expected an integer, got 'y'\",\"source\":\"header\"}]}");
            assertThat(text(client.request("GET", "/q/several?a=1&b=2")
                            .header("x-n", "3")
                            .send()))
                    .isEqualTo("6");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headersBindByTheirName(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.request("GET", "/h")
                            .header("X-Api-Key", "secret")
                            .send()))
                    .isEqualTo("secret 0 []");
            assertThat(text(client.request("GET", "/h")
                            .header("x-api-key", "k")
                            .header("x-count", "3")
                            .header("x-tag", "a")
                            .header("x-tag", "b")
                            .send()))
                    .isEqualTo("k 3 [a, b]");
            TestResponse missing = client.get("/h");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET /h\","
                            + "\"extra\":[{\"key\":\"x-api-key\",\"message\":\"Missing required header 'x-api-key'\","
                            + "\"source\":\"header\"}]}");
            TestResponse wrong = client.request("GET", "/h")
                    .header("x-api-key", "k")
                    .header("x-count", "many")
                    .send();
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text())
                    .contains("{\"key\":\"x-count\",\"message\":\"expected an integer, got 'many'\","
                            + "\"source\":\"header\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cookiesBindByTheirName(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.request("GET", "/c")
                            .header("cookie", "session=abc; visits=3")
                            .send()))
                    .isEqualTo("abc light 3");
            assertThat(text(client.request("GET", "/c")
                            .header("cookie", "theme=dark; session=s1")
                            .send()))
                    .isEqualTo("s1 dark null");
            TestResponse missing =
                    client.request("GET", "/c").header("cookie", "theme=dark").send();
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET /c\","
                            + "\"extra\":[{\"key\":\"session\",\"message\":\"Missing required cookie 'session'\","
                            + "\"source\":\"cookie\"}]}");
            TestResponse wrong = client.request("GET", "/c")
                    .header("cookie", "session=s; visits=lots")
                    .send();
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text()).contains("\"source\":\"cookie\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cookiesHeldByTheClientAreSent(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            client.cookie("session", "jar");
            assertThat(text(client.get("/c"))).isEqualTo("jar light null");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reservedRequestAndState(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.request("GET", "/r/request?x=1")
                            .header("x-custom", "v")
                            .header("cookie", "c=cv")
                            .send()))
                    .isEqualTo("GET /r/request 1 v cv");
            assertThat(text(client.get("/r/request-by-type"))).isEqualTo("/r/request-by-type");
            assertThat(text(client.get("/r/state"))).isEqualTo("rigel");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reservedHeadersCookiesAndQuery(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client.request("GET", "/r/headers")
                            .header("X-Custom", "c")
                            .header("x-multi", "1")
                            .header("x-multi", "2")
                            .send()))
                    .isEqualTo("c [1, 2]");
            assertThat(text(client.request("GET", "/r/cookies")
                            .header("cookie", "b=2; a=1")
                            .send()))
                    .isEqualTo("{a=1, b=2}");
            assertThat(text(client.get("/r/query?a=1&b=2&a=3"))).isEqualTo("{a=[1, 3], b=[2]}");
            assertThat(text(client.get("/r/query-params?b=0&a=1&a=2"))).isEqualTo("[1, 2] [b, a]");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reservedBodyIsTheRawBytes(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            byte[] payload = {(byte) 0xFF, 0, 1, 2};
            TestResponse response = client.request("POST", "/r/body")
                    .body(payload, "application/octet-stream")
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("4 bytes, first -1");
        }
    }

    public static class OptionalPrimitive {
        @Get("/x")
        public String x(@Param(required = false) int count) {
            return "";
        }
    }

    public static class BadDefault {
        @Get("/x")
        public String x(@Param(defaultValue = "many") int count) {
            return "";
        }
    }

    public static class TwoSources {
        @Get("/x")
        public String x(@Param(header = "x-a", cookie = "a") String a) {
            return a;
        }
    }

    public static class BodyAsString {
        @Post("/x")
        public String x(String body) {
            return body;
        }
    }

    @Test
    void inconsistentParameterDeclarationsFailAtStartup() {
        assertThatThrownBy(() ->
                        App.builder().routeHandlers(OptionalPrimitive.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("query parameter 'count'")
                .hasMessageContaining("optional but has primitive type int");
        assertThatThrownBy(() -> App.builder().routeHandlers(BadDefault.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("default value of query parameter 'count'")
                .hasMessageContaining("expected an integer, got 'many'");
        assertThatThrownBy(() -> App.builder().routeHandlers(TwoSources.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("names more than one of header, cookie and query");
        assertThatThrownBy(() -> App.builder().routeHandlers(BodyAsString.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'body'")
                .hasMessageContaining("must be a byte[], not String");
    }
}

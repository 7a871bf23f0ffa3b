package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.http.Cookie;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How return values become responses: media types, JSON, Response<T>, default statuses. */
class ResponseEncodingTest {

    record Event(
            String name,
            LocalDate day,
            LocalDateTime start,
            LocalTime doors,
            Instant created,
            OffsetDateTime announced,
            Duration length,
            UUID id,
            BigDecimal price,
            Optional<String> note) {}

    record Point(int x, int y) {}

    static final Event EVENT = new Event(
            "launch",
            LocalDate.of(2024, 1, 31),
            LocalDateTime.of(2024, 1, 31, 19, 30),
            LocalTime.of(18, 45),
            Instant.parse("2024-01-01T00:00:00Z"),
            OffsetDateTime.of(2024, 1, 2, 9, 0, 0, 0, ZoneOffset.ofHours(2)),
            Duration.ofMinutes(90),
            UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
            new BigDecimal("19.90"),
            Optional.of("bring friends"));

    public static class Handlers {
        @Get("/text")
        public String text() {
            return "héllo";
        }

        @Get("/bytes")
        public byte[] bytes() {
            return new byte[] {0, 1, (byte) 0xFE};
        }

        @Get("/record")
        public Point record() {
            return new Point(1, 2);
        }

        @Get("/map")
        public Map<String, Object> map() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("b", 1);
            map.put("a", List.of(true, "x"));
            map.put("n", null);
            return map;
        }

        @Get("/list")
        public List<Point> list() {
            return List.of(new Point(1, 2), new Point(3, 4));
        }

        @Get("/number")
        public int number() {
            return 42;
        }

        @Get("/object")
        public Object object() {
            return new Point(5, 6);
        }

        @Get("/event")
        public Event event() {
            return EVENT;
        }

        @Get("/event-without-note")
        public Event eventWithoutNote() {
            return new Event(
                    "quiet",
                    EVENT.day(),
                    EVENT.start(),
                    EVENT.doors(),
                    EVENT.created(),
                    EVENT.announced(),
                    Duration.ofSeconds(30),
                    EVENT.id(),
                    BigDecimal.ONE,
                    Optional.empty());
        }

        @Get("/optional")
        public Optional<Point> optional() {
            return Optional.of(new Point(7, 8));
        }

        @Get("/void")
        public void nothing() {}

        @Get("/null")
        public Point nothingToSay() {
            return null;
        }

        @Post("/post")
        public Point post() {
            return new Point(0, 0);
        }

        @Put("/put")
        public Point put() {
            return new Point(0, 0);
        }

        @Patch("/patch")
        public Point patch() {
            return new Point(0, 0);
        }

        @Delete("/delete")
        public Point delete() {
            return new Point(0, 0);
        }

        @Get(value = "/accepted", status = 202)
        public String accepted() {
            return "queued";
        }

        @Post(value = "/post-ok", status = 200)
        public String postOk() {
            return "ok";
        }

        @Get(value = "/html", mediaType = "text/html; charset=utf-8")
        public String html() {
            return "<h1>hi</h1>";
        }

        @Get(value = "/vendor-json", mediaType = "application/vnd.rigel+json")
        public Point vendorJson() {
            return new Point(9, 9);
        }

        @Get("/response")
        public Response<Point> response() {
            return Response.of(new Point(1, 1))
                    .status(203)
                    .header("X-Custom", "yes")
                    .header("Cache-Control", "no-store");
        }

        @Post("/response-default-status")
        public Response<String> responseDefaultStatus() {
            return Response.of("made").header("Location", "/things/1");
        }

        @Get("/response-cookies")
        public Response<String> responseCookies() {
            return Response.of("cookies")
                    .cookie("plain", "1")
                    .cookie(Cookie.of("session", "abc")
                            .withHttpOnly(true)
                            .withSecure(true)
                            .withMaxAge(Duration.ofHours(1))
                            .withSameSite(Cookie.SameSite.STRICT)
                            .withPath("/app")
                            .withDomain("example.com"))
                    .cookie("plain", "2");
        }

        @Get("/response-media-type")
        public Response<String> responseMediaType() {
            return Response.of("a,b\n1,2\n").mediaType("text/csv");
        }

        @Get("/response-empty")
        public Response<Void> responseEmpty() {
            return Response.empty(202).header("X-Queued", "1");
        }

        @Get("/response-204")
        public Response<String> response204() {
            return Response.of("dropped").status(204);
        }

        @Get("/response-raw")
        public Response<byte[]> responseRaw() {
            return Response.of("%PDF".getBytes(StandardCharsets.US_ASCII)).mediaType("application/pdf");
        }
    }

    static final App APP = App.builder()
            .routeHandlers(
                    Handlers.class,
                    Route.get("/lambda-status", () -> "made").status(201),
                    Route.get("/lambda-media", () -> "<p>x</p>").mediaType("text/html"),
                    Route.get("/lambda-json", () -> List.of(1, 2)))
            .build();

    private static TestResponse ok(TestClient client, String path) {
        TestResponse response = client.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("content-length"))
                .as("content-length of %s", path)
                .isEqualTo(Integer.toString(response.body().length));
        return response;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stringsAreUtf8Text(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = ok(client, "/text");

            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.body()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
            assertThat(response.header("content-length")).isEqualTo("6");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bytesAreOctets(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = ok(client, "/bytes");

            assertThat(response.header("content-type")).isEqualTo("application/octet-stream");
            assertThat(response.body()).containsExactly(0, 1, 0xFE);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everythingElseIsJson(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            Map<String, String> expected = Map.of(
                    "/record", "{\"x\":1,\"y\":2}",
                    "/map", "{\"b\":1,\"a\":[true,\"x\"],\"n\":null}",
                    "/list", "[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]",
                    "/number", "42",
                    "/object", "{\"x\":5,\"y\":6}",
                    "/optional", "{\"x\":7,\"y\":8}",
                    "/lambda-json", "[1,2]");
            expected.forEach((path, body) -> {
                TestResponse response = ok(client, path);
                assertThat(response.header("content-type")).as(path).isEqualTo("application/json");
                assertThat(response.text()).as(path).isEqualTo(body);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void javaTimeValuesAreIsoStringsAndOptionalsAreUnwrapped(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(ok(client, "/event").text())
                    .isEqualTo(
                            "{\"name\":\"launch\",\"day\":\"2024-01-31\","
                                    + "\"start\":\"2024-01-31T19:30:00\",\"doors\":\"18:45:00\",\"created\":\"2024-01-01T00:00:00Z\","
                                    + "\"announced\":\"2024-01-02T09:00:00+02:00\",\"length\":\"PT1H30M\","
                                    + "\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"price\":19.90,\"note\":\"bring friends\"}");
            assertThat(ok(client, "/event-without-note").json().get("note").isNull())
                    .isTrue();
            assertThat(ok(client, "/event-without-note").json().get("length").asText())
                    .isEqualTo("PT30S");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void voidAndNullGiveAnEmptyBody(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            for (String path : new String[] {"/void", "/null"}) {
                TestResponse response = ok(client, path);
                assertThat(response.body()).as(path).isEmpty();
                assertThat(response.header("content-length")).as(path).isEqualTo("0");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void defaultStatusesFollowTheMethod(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse post = client.post("/post", null);
            assertThat(post.status()).isEqualTo(201);
            assertThat(post.text()).isEqualTo("{\"x\":0,\"y\":0}");
            assertThat(client.put("/put", null).status()).isEqualTo(200);
            assertThat(client.patch("/patch", null).status()).isEqualTo(200);

            TestResponse delete = client.delete("/delete");
            assertThat(delete.status()).isEqualTo(204);
            assertThat(delete.body()).isEmpty();
            assertThat(delete.header("content-type")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void annotationsAndRoutesChooseStatusAndMediaType(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse accepted = client.get("/accepted");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.text()).isEqualTo("queued");
            assertThat(client.post("/post-ok", null).status()).isEqualTo(200);

            TestResponse html = ok(client, "/html");
            assertThat(html.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(html.text()).isEqualTo("<h1>hi</h1>");

            TestResponse vendor = ok(client, "/vendor-json");
            assertThat(vendor.header("content-type")).isEqualTo("application/vnd.rigel+json");
            assertThat(vendor.text()).isEqualTo("{\"x\":9,\"y\":9}");

            assertThat(client.get("/lambda-status").status()).isEqualTo(201);
            assertThat(ok(client, "/lambda-media").header("content-type")).isEqualTo("text/html");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseSetsStatusAndHeaders(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.get("/response");
            assertThat(response.status()).isEqualTo(203);
            assertThat(response.header("x-custom")).isEqualTo("yes");
            assertThat(response.header("cache-control")).isEqualTo("no-store");
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("{\"x\":1,\"y\":1}");

            TestResponse created = client.post("/response-default-status", null);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("location")).isEqualTo("/things/1");
            assertThat(created.text()).isEqualTo("made");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseSetsCookies(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = ok(client, "/response-cookies");

            assertThat(response.headers().getAll("set-cookie"))
                    .containsExactlyInAnyOrder(
                            "session=abc; Path=/app; Domain=example.com; Max-Age=3600; Secure; HttpOnly; SameSite=Strict",
                            "plain=2; Path=/; SameSite=Lax");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseSetsTheMediaType(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse csv = ok(client, "/response-media-type");
            assertThat(csv.header("content-type")).isEqualTo("text/csv");
            assertThat(csv.text()).isEqualTo("a,b\n1,2\n");

            TestResponse pdf = ok(client, "/response-raw");
            assertThat(pdf.header("content-type")).isEqualTo("application/pdf");
            assertThat(pdf.text()).isEqualTo("%PDF");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void emptyResponsesHaveNoBody(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse queued = client.get("/response-empty");
            assertThat(queued.status()).isEqualTo(202);
            assertThat(queued.header("x-queued")).isEqualTo("1");
            assertThat(queued.body()).isEmpty();

            TestResponse noContent = client.get("/response-204");
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.body()).isEmpty();
            assertThat(noContent.header("content-type")).isNull();
        }
    }
}

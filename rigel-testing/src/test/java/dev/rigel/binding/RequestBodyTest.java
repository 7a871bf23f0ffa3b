package dev.rigel.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Post;
import dev.rigel.http.Request;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The request body as {@code data} (decoded), {@code body} (raw), and the limits on its size. */
class RequestBodyTest {

    record Address(String street, int zip) {}

    record Person(String name, int age, LocalDate born, Address address) {}

    record Item(String sku, int qty) {}

    /** A mutable bean: Jackson fills it through its setters. */
    public static class Pet {
        private String name;
        private int legs;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getLegs() {
            return legs;
        }

        public void setLegs(int legs) {
            this.legs = legs;
        }
    }

    public static class Bodies {
        @Post("/record")
        public String record(Person data) {
            return data.name() + " " + data.age() + " " + data.born().getYear() + " "
                    + (data.address() == null
                            ? "-"
                            : data.address().street() + " " + data.address().zip());
        }

        @Post("/pojo")
        public String pojo(Pet data) {
            return data.getName() + " has " + data.getLegs() + " legs";
        }

        @Post("/list")
        public String list(List<Item> data) {
            return data.size() + " items, " + data.stream().mapToInt(Item::qty).sum() + " units, first "
                    + data.get(0).getClass().getSimpleName();
        }

        @Post("/map")
        public String map(Map<String, Integer> data) {
            return new java.util.TreeMap<>(data).toString();
        }

        @Post("/any-map")
        public String anyMap(Map<String, Object> data) {
            return data.get("nested").getClass().getSimpleName() + " " + data.get("list");
        }

        @Post("/string")
        public String string(String data) {
            return "[" + data + "]";
        }

        @Post("/bytes")
        public String bytes(byte[] data) {
            return data.length + ": " + Arrays.toString(data);
        }

        @Post("/optional")
        public String optional(Optional<Item> data) {
            return data.map(Item::sku).orElse("nothing");
        }

        @Post("/raw")
        public String raw(byte[] body) {
            return Integer.toString(body.length);
        }

        @Post(value = "/tiny", maxBodySize = 8)
        public String tiny(byte[] body) {
            return Integer.toString(body.length);
        }
    }

    public static class Limited extends Controller {
        public Limited() {
            super("/limited");
            layer().maxBodySize(32);
        }

        @Post
        public String post(String data) {
            return Integer.toString(data.length());
        }

        @Post(value = "/roomy", maxBodySize = 1024)
        public String roomy(String data) {
            return Integer.toString(data.length());
        }
    }

    static final App APP = App.builder()
            .routeHandlers(
                    Bodies.class,
                    Router.builder("/small")
                            .maxBodySize(16)
                            .routeHandlers(
                                    Route.post("/echo", (Request r) -> Integer.toString(r.body().length)),
                                    Limited.class)
                            .build(),
                    Route.post(
                            "/request-json", (Request r) -> r.json(Item.class).sku()))
            .build();

    static final App SMALL_APP = App.builder()
            .maxBodySize(4)
            .routeHandlers(Route.post("/echo", (Request r) -> r.text()))
            .build();

    static final String TOO_LARGE = "{\"status_code\":413,\"detail\":\"Request Entity Too Large\"}";

    private static TestResponse postRaw(TestClient client, String path, String body) {
        return client.request("POST", path)
                .body(body.getBytes(StandardCharsets.UTF_8), "application/json")
                .send();
    }

    private static String created(TestResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void decodesRecordsIncludingNestedOnesAndDates(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(created(postRaw(
                            client,
                            "/record",
                            "{\"name\":\"Ada\",\"age\":36,\"born\":\"1815-12-10\","
                                    + "\"address\":{\"street\":\"St James's Square\",\"zip\":12345}}")))
                    .isEqualTo("Ada 36 1815 St James's Square 12345");
            // unknown properties are ignored, missing objects are null
            assertThat(created(postRaw(
                            client,
                            "/record",
                            "{\"name\":\"Bo\",\"age\":1,\"born\":\"2020-01-01\"," + "\"unknown\":true}")))
                    .isEqualTo("Bo 1 2020 -");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void decodesBeansListsAndMaps(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(created(client.post("/pojo", Map.of("name", "Rex", "legs", 4))))
                    .isEqualTo("Rex has 4 legs");
            assertThat(created(
                            client.post("/list", List.of(Map.of("sku", "a", "qty", 2), Map.of("sku", "b", "qty", 3)))))
                    .isEqualTo("2 items, 5 units, first Item");
            assertThat(created(client.post("/map", Map.of("b", 2, "a", 1)))).isEqualTo("{a=1, b=2}");
            assertThat(created(postRaw(client, "/any-map", "{\"nested\":{\"x\":1},\"list\":[1,\"two\"]}")))
                    .isEqualTo("LinkedHashMap [1, two]");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stringAndBytesTakeTheBodyAsItIs(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(created(client.request("POST", "/string")
                            .text("not json, ünïcode")
                            .send()))
                    .isEqualTo("[not json, ünïcode]");
            assertThat(created(postRaw(client, "/string", "{\"a\":1}"))).isEqualTo("[{\"a\":1}]");
            assertThat(created(client.request("POST", "/bytes")
                            .body(new byte[] {1, -2, 3}, null)
                            .send()))
                    .isEqualTo("3: [1, -2, 3]");
            assertThat(created(client.request("POST", "/string").send())).isEqualTo("[]");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void optionalDataMayBeAbsent(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(created(client.post("/optional", Map.of("sku", "x1", "qty", 1))))
                    .isEqualTo("x1");
            assertThat(created(client.request("POST", "/optional").send())).isEqualTo("nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestJsonDecodesOnDemand(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(created(client.post("/request-json", Map.of("sku", "r1", "qty", 1))))
                    .isEqualTo("r1");
            TestResponse broken = postRaw(client, "/request-json", "{");
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.json().get("detail").asText()).startsWith("Malformed JSON in request body");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedJsonIs400NamingWhereItBroke(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = postRaw(client, "/record", "{\"name\": \"Ada\", age: 3}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.jsonMap())
                    .containsOnlyKeys("status_code", "detail")
                    .containsEntry("status_code", 400);
            assertThat(response.json().get("detail").asText())
                    .startsWith("Malformed JSON in request body at line 1, column 17: Unexpected character ('a'");

            // broken inside a list element: still malformed JSON, not a validation error
            TestResponse truncated = postRaw(client, "/list", "[{\"sku\":\"a\"");
            assertThat(truncated.status()).isEqualTo(400);
            assertThat(truncated.jsonMap()).doesNotContainKey("extra");
            assertThat(truncated.json().get("detail").asText())
                    .startsWith("Malformed JSON in request body at line 1, column 12: Unexpected end-of-input");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEmptyBodyWhereJsonIsRequiredIs400(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.request("POST", "/record").send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Request body is empty; expected JSON\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jsonOfTheWrongShapeIs400(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse array = postRaw(client, "/record", "[1, 2]");
            assertThat(array.status()).isEqualTo(400);
            assertThat(array.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Invalid JSON body: Cannot deserialize"
                            + " value of type `Person` from Array value (token `START_ARRAY`)\"}");

            // Java package and class names stay on the server
            TestResponse object = postRaw(client, "/list", "{\"sku\":\"a\"}");
            assertThat(object.status()).isEqualTo(400);
            assertThat(object.json().get("detail").asText())
                    .isEqualTo("Invalid JSON body: Cannot deserialize value of type `ArrayList<Item>` from Object value"
                            + " (token `START_OBJECT`)");

            TestResponse trailing = postRaw(client, "/map", "{\"a\":1} {\"b\":2}");
            assertThat(trailing.status()).isEqualTo(400);
        }
    }

    /** Issue 21: with duplicate keys the last one won, so two parsers could read two requests. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void duplicateKeysAre400(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse top = postRaw(client, "/record", "{\"name\":\"Ada\",\"age\":3,\"name\":\"Eve\"}");
            assertThat(top.status()).isEqualTo(400);
            assertThat(top.json().get("detail").asText())
                    .startsWith("Malformed JSON in request body")
                    .contains("Duplicate field 'name'");
            TestResponse nested = postRaw(client, "/record", "{\"name\":\"Ada\",\"address\":{\"zip\":1,\"zip\":2}}");
            assertThat(nested.status()).isEqualTo(400);
            assertThat(postRaw(client, "/any-map", "{\"a\":1,\"a\":2}").status())
                    .isEqualTo(400);
        }
    }

    private static TestResponse post(TestClient client, String path, byte[] body, String contentType) {
        return client.request("POST", path).body(body, contentType).send();
    }

    /** Issue 21: any Content-Type (or none) used to be read as JSON. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aJsonBodyMustBeDeclaredJson(Transport transport) {
        byte[] item = "{\"sku\":\"a\",\"qty\":1}".getBytes(StandardCharsets.UTF_8);
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse plain = post(client, "/optional", item, "text/plain");
            assertThat(plain.status()).isEqualTo(415);
            assertThat(plain.text())
                    .isEqualTo("{\"status_code\":415,\"detail\":\"Expected a JSON body (application/json or a"
                            + " +json type), got 'text/plain'\"}");
            TestResponse none = post(client, "/record", item, null);
            assertThat(none.status()).isEqualTo(415);
            assertThat(none.json().get("detail").asText()).endsWith("got no Content-Type");
            assertThat(post(client, "/request-json", item, "application/x-www-form-urlencoded")
                            .status())
                    .isEqualTo(415);
            assertThat(post(client, "/list", "[]".getBytes(StandardCharsets.UTF_8), "application/jsonx")
                            .status())
                    .isEqualTo(415);
            assertThat(post(client, "/optional", item, "application/json; charset=utf-16")
                            .json()
                            .get("detail")
                            .asText())
                    .isEqualTo("JSON bodies must be UTF-8, got Content-Type 'application/json; charset=utf-16'");

            // what is JSON: the type in any case, with a UTF-8 charset, or a +json suffix
            assertThat(created(post(client, "/optional", item, "Application/JSON")))
                    .isEqualTo("a");
            assertThat(created(post(client, "/optional", item, "application/json; charset=UTF-8")))
                    .isEqualTo("a");
            assertThat(created(post(client, "/optional", item, "application/merge-patch+json")))
                    .isEqualTo("a");
            assertThat(created(post(client, "/request-json", item, "application/vnd.api+json")))
                    .isEqualTo("a");
            // an absent optional body needs no type; raw bodies take any type
            assertThat(created(post(client, "/optional", new byte[0], null))).isEqualTo("nothing");
            assertThat(created(post(client, "/string", item, "text/plain"))).startsWith("[{");
            assertThat(created(post(client, "/bytes", new byte[] {1, 2}, "application/octet-stream")))
                    .isEqualTo("2: [1, 2]");
        }
    }

    /** Issue 21: Jackson decoded overlong UTF-8 ({@code C0 AF} as "/") and guessed UTF-16 from zero bytes. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aJsonBodyMustBeWellFormedUtf8(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            byte[] overlong = {'{', '"', 's', 'k', 'u', '"', ':', '"', '.', '.', (byte) 0xC0, (byte) 0xAF, '"', '}'};
            TestResponse response = post(client, "/optional", overlong, "application/json");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Invalid JSON body: not valid UTF-8 at byte 10"
                            + " (JSON bodies must be UTF-8)\"}");
            byte[] utf16 = "{\"sku\":\"a\",\"qty\":1}".getBytes(StandardCharsets.UTF_16LE);
            assertThat(post(client, "/optional", utf16, "application/json").status())
                    .isEqualTo(400);
            byte[] utf16WithBom = "{\"sku\":\"a\",\"qty\":1}".getBytes(StandardCharsets.UTF_16);
            assertThat(post(client, "/record", utf16WithBom, "application/json").status())
                    .isEqualTo(400);
            byte[] surrogate = {'{', '"', 's', 'k', 'u', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
            };
            assertThat(post(client, "/optional", surrogate, "application/json").status())
                    .isEqualTo(400);
            assertThat(post(client, "/request-json", overlong, "application/json")
                            .status())
                    .isEqualTo(400);
            // real UTF-8, multi-byte included, is fine
            byte[] good = "{\"sku\":\"caf\u00e9 \u20ac \ud83d\ude00\",\"qty\":1}".getBytes(StandardCharsets.UTF_8);
            assertThat(created(post(client, "/optional", good, "application/json")))
                    .isEqualTo("caf\u00e9 \u20ac \ud83d\ude00");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aJsonNullWhereAValueIsRequiredIs400(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse record = postRaw(client, "/record", "null");
            assertThat(record.status()).isEqualTo(400);
            assertThat(record.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Invalid JSON body: expected a value of type"
                            + " `Person`, got null\"}");

            TestResponse list = postRaw(client, "/list", " null ");
            assertThat(list.status()).isEqualTo(400);
            assertThat(list.json().get("detail").asText())
                    .isEqualTo("Invalid JSON body: expected a value of type `List<Item>`, got null");

            assertThat(postRaw(client, "/map", "null").status()).isEqualTo(400);
            assertThat(postRaw(client, "/any-map", "null").status()).isEqualTo(400);
            assertThat(postRaw(client, "/pojo", "null").status()).isEqualTo(400);

            // an Optional body reads null as absent
            assertThat(created(postRaw(client, "/optional", "null"))).isEqualTo("nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFieldOfTheWrongTypeIs400NamingTheField(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response =
                    postRaw(client, "/record", "{\"name\":\"Ada\",\"age\":\"old\",\"born\":\"1815-12-10\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text())
                    .isEqualTo(
                            "{\"status_code\":400,\"detail\":\"Validation failed for POST /record\","
                                    + "\"extra\":[{\"key\":\"age\",\"message\":\"expected int, got 'old'\",\"source\":\"body\"}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void wrongTypesDeepInsideTheBodyUseDottedKeys(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse nested = postRaw(
                    client,
                    "/record",
                    "{\"name\":\"Ada\",\"age\":1,\"born\":\"1815-12-10\","
                            + "\"address\":{\"street\":\"x\",\"zip\":\"ABC\"}}");
            assertThat(nested.status()).isEqualTo(400);
            assertThat(nested.json().get("extra").get(0).get("key").asText()).isEqualTo("address.zip");
            assertThat(nested.json().get("extra").get(0).get("source").asText()).isEqualTo("body");

            TestResponse element =
                    postRaw(client, "/list", "[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":\"x\"}]");
            assertThat(element.status()).isEqualTo(400);
            assertThat(element.json().get("extra").get(0).get("key").asText()).isEqualTo("1.qty");

            TestResponse date = postRaw(client, "/record", "{\"name\":\"Ada\",\"age\":1,\"born\":\"yesterday\"}");
            assertThat(date.status()).isEqualTo(400);
            assertThat(date.json().get("extra").get(0).get("key").asText()).isEqualTo("born");

            TestResponse fraction = postRaw(client, "/list", "[{\"sku\":\"a\",\"qty\":1.5}]");
            assertThat(fraction.status()).isEqualTo(400);
            assertThat(fraction.json().get("extra").get(0).get("key").asText()).isEqualTo("0.qty");
            assertThat(fraction.json().get("extra").get(0).get("message").asText())
                    .isEqualTo("expected int, got 1.5");

            TestResponse missingNumber = postRaw(client, "/list", "[{\"sku\":\"a\"}]");
            assertThat(missingNumber.status()).isEqualTo(400);
            assertThat(missingNumber.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for POST"
                            + " /list\",\"extra\":[{\"key\":\"0.qty\",\"message\":\"Cannot map `null` into type `int`\","
                            + "\"source\":\"body\"}]}");

            TestResponse mapValue = postRaw(client, "/map", "{\"a\":\"one\"}");
            assertThat(mapValue.status()).isEqualTo(400);
            assertThat(mapValue.json().get("extra").get(0).get("key").asText()).isEqualTo("a");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theDefaultLimitIsTenMegabytes(Transport transport) {
        int limit = 10 * 1024 * 1024;
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse atLimit = client.request("POST", "/raw")
                    .body(new byte[limit], "application/octet-stream")
                    .send();
            assertThat(atLimit.status()).isEqualTo(201);
            assertThat(atLimit.text()).isEqualTo(Integer.toString(limit));

            TestResponse over = client.request("POST", "/raw")
                    .body(new byte[limit + 1], "application/octet-stream")
                    .send();
            assertThat(over.status()).isEqualTo(413);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void layersSetTheLimitAndTheClosestWins(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            // router: 16 bytes
            assertThat(created(client.request("POST", "/small/echo")
                            .text("x".repeat(16))
                            .send()))
                    .isEqualTo("16");
            TestResponse router =
                    client.request("POST", "/small/echo").text("x".repeat(17)).send();
            assertThat(router.status()).isEqualTo(413);
            assertThat(router.text()).isEqualTo(TOO_LARGE);

            // controller inside that router: 32 bytes
            assertThat(created(client.request("POST", "/small/limited")
                            .text("x".repeat(32))
                            .send()))
                    .isEqualTo("32");
            assertThat(client.request("POST", "/small/limited")
                            .text("x".repeat(33))
                            .send()
                            .status())
                    .isEqualTo(413);

            // handler annotation inside that controller: 1024 bytes
            assertThat(created(client.request("POST", "/small/limited/roomy")
                            .text("x".repeat(1024))
                            .send()))
                    .isEqualTo("1024");
            assertThat(client.request("POST", "/small/limited/roomy")
                            .text("x".repeat(1025))
                            .send()
                            .status())
                    .isEqualTo(413);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerAnnotationSetsItsOwnLimit(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(created(client.request("POST", "/tiny")
                            .body(new byte[8], null)
                            .send()))
                    .isEqualTo("8");
            TestResponse over =
                    client.request("POST", "/tiny").body(new byte[9], null).send();
            assertThat(over.status()).isEqualTo(413);
            assertThat(over.text()).isEqualTo(TOO_LARGE);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theAppLayerSetsTheLimitForEveryRoute(Transport transport) {
        try (TestClient client = Clients.open(SMALL_APP, transport)) {
            assertThat(created(client.request("POST", "/echo").text("four").send()))
                    .isEqualTo("four");
            TestResponse over = client.request("POST", "/echo").text("fives").send();
            assertThat(over.status()).isEqualTo(413);
            assertThat(over.text()).isEqualTo(TOO_LARGE);
        }
    }
}

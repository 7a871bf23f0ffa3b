package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.Cookie;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-process TestClient's own features. */
class TestClientTest {

    record Item(String name, int quantity) {}

    static Map<String, Object> echo(Request request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", request.method());
        out.put("path", request.path());
        out.put("query", request.query().asMap());
        out.put("content_type", request.header("content-type").orElse(""));
        out.put("body", request.text());
        return out;
    }

    static final Set<String> ALL = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void everyMethodHelperSendsItsMethodAndJsonBody() {
        try (TestClient client = TestClient.create(Route.route(
                ALL, "/echo", (Request request) -> Response.of(echo(request)).status(200)))) {
            assertThat(client.get("/echo?a=1&a=2&b=x").jsonMap())
                    .containsEntry("method", "GET")
                    .containsEntry("query", Map.of("a", List.of("1", "2"), "b", List.of("x")))
                    .containsEntry("body", "");
            for (String method : List.of("POST", "PUT", "PATCH")) {
                TestResponse response = switch (method) {
                    case "POST" -> client.post("/echo", Map.of("n", 1));
                    case "PUT" -> client.put("/echo", Map.of("n", 1));
                    default -> client.patch("/echo", Map.of("n", 1));
                };
                assertThat(response.jsonMap())
                        .as(method)
                        .containsEntry("method", method)
                        .containsEntry("content_type", "application/json")
                        .containsEntry("body", "{\"n\":1}");
            }
            assertThat(client.post("/echo", null).jsonMap()).containsEntry("body", "");
            assertThat(client.delete("/echo").jsonMap()).containsEntry("method", "DELETE");

            TestResponse head = client.head("/echo");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(Integer.parseInt(head.header("content-length"))).isPositive();

            TestResponse options = client.options("/echo");
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.header("allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");

            TestResponse custom = client.request("put", "/echo")
                    .query("q", "a b&c")
                    .text("plain")
                    .send();
            assertThat(custom.jsonMap())
                    .containsEntry("method", "PUT")
                    .containsEntry("query", Map.of("q", List.of("a b&c")))
                    .containsEntry("content_type", "text/plain; charset=utf-8")
                    .containsEntry("body", "plain");
        }
    }

    @Test
    void jsonHelpersDecodeWithTheAppsMapper() {
        App app = App.builder()
                .json(mapper -> mapper.setPropertyNamingStrategy(
                        com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE))
                .routeHandlers(
                        Route.post("/items", TestClientTest::created),
                        Route.get("/items", () -> List.of(new Item("a", 1), new Item("b", 2))))
                .build();
        try (TestClient client = TestClient.of(app)) {
            TestResponse created = client.post("/items", new Item("apple", 3));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.isSuccess()).isTrue();
            assertThat(created.json(Named.class)).isEqualTo(new Named("apple", 3));
            assertThat(created.jsonMap()).containsEntry("item_name", "apple");
            assertThat(created.json().get("item_name").asText()).isEqualTo("apple");

            TestResponse list = client.get("/items");
            assertThat(list.jsonList()).hasSize(2);
            assertThat(list.json(new TypeReference<List<Item>>() {}))
                    .containsExactly(new Item("a", 1), new Item("b", 2));

            assertThat(client.get("/nowhere").isSuccess()).isFalse();
            assertThatThrownBy(() -> client.get("/nowhere").json(Item.class)).hasMessageContaining("Item");
        }
    }

    record Named(String itemName, int count) {}

    static Named created(Item data) {
        return new Named(data.name(), data.quantity());
    }

    static Map<String, String> cookies(Request request) {
        return request.cookies();
    }

    @Test
    void cookiesSetByResponsesAreSentBackAndMaxAgeZeroDeletesThem() {
        try (TestClient client = TestClient.create(
                Route.get(
                        "/login",
                        () -> Response.of("in")
                                .cookie(Cookie.of("session", "abc").withHttpOnly(true))
                                .cookie("theme", "dark")),
                Route.get(
                        "/logout",
                        () -> Response.of("out").cookie(Cookie.of("session", "").withMaxAge(Duration.ZERO))),
                Route.get("/cookies", TestClientTest::cookies))) {
            assertThat(client.get("/cookies").jsonMap()).isEmpty();

            assertThat(client.get("/login").headers().getAll("set-cookie")).hasSize(2);
            assertThat(client.cookies()).isEqualTo(Map.of("session", "abc", "theme", "dark"));
            assertThat(client.get("/cookies").jsonMap()).isEqualTo(Map.of("session", "abc", "theme", "dark"));

            client.get("/logout");
            assertThat(client.cookies()).isEqualTo(Map.of("theme", "dark"));
            assertThat(client.get("/cookies").jsonMap()).isEqualTo(Map.of("theme", "dark"));

            client.cookie("manual", "1");
            assertThat(client.get("/cookies").jsonMap()).isEqualTo(Map.of("theme", "dark", "manual", "1"));
        }
    }

    static Map<String, Object> headers(Request request) {
        return Map.of(
                "authorization",
                request.headers().getAll("authorization"),
                "x-multi",
                request.headers().getAll("x-multi"));
    }

    @Test
    void defaultHeadersGoWithEveryRequestUnlessTheRequestSetsTheSameHeader() {
        try (TestClient client = TestClient.create(Route.get("/headers", TestClientTest::headers))
                .defaultHeader("Authorization", "Bearer default")) {
            assertThat(client.get("/headers").jsonMap()).containsEntry("authorization", List.of("Bearer default"));
            assertThat(client.request("GET", "/headers")
                            .header("authorization", "Bearer mine")
                            .send()
                            .jsonMap())
                    .containsEntry("authorization", List.of("Bearer mine"));
            assertThat(client.get("/headers").jsonMap()).containsEntry("authorization", List.of("Bearer default"));
        }
    }

    @Test
    void aRequestMayRepeatAHeader() {
        try (TestClient client = TestClient.create(Route.get("/headers", TestClientTest::headers))) {
            TestResponse response = client.request("GET", "/headers")
                    .header("x-multi", "one")
                    .header("x-multi", "two")
                    .send();
            assertThat(response.jsonMap()).containsEntry("x-multi", List.of("one", "two"));
        }
    }

    static String crash(String mode) throws IOException {
        switch (mode) {
            case "runtime" -> throw new IllegalArgumentException("handler bug");
            case "checked" -> throw new IOException("disk on fire");
            case "http" -> throw new NotFoundException("Item 7 not found");
            default -> {
                return "fine";
            }
        }
    }

    @Test
    void serverExceptionsAreReThrownByDefault() {
        try (TestClient client = TestClient.create(Route.get("/crash", TestClientTest::crash))) {
            assertThatThrownBy(() -> client.get("/crash?mode=runtime"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("handler bug");
            assertThatThrownBy(() -> client.get("/crash?mode=checked"))
                    .hasRootCauseInstanceOf(IOException.class)
                    .hasRootCauseMessage("disk on fire");
            // HTTP exceptions are answers, not server errors
            TestResponse notFound = client.get("/crash?mode=http");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.jsonMap()).isEqualTo(Map.of("status_code", 404, "detail", "Item 7 not found"));
            assertThat(client.get("/crash?mode=none").text()).isEqualTo("fine");
        }
    }

    @Test
    void raiseServerExceptionsFalseAnswersWithThe500() {
        try (TestClient client =
                TestClient.create(Route.get("/crash", TestClientTest::crash)).raiseServerExceptions(false)) {
            TestResponse response = client.get("/crash?mode=runtime");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.jsonMap()).isEqualTo(Map.of("status_code", 500, "detail", "Internal Server Error"));
            assertThat(response.text()).doesNotContain("handler bug");
        }
    }

    static String greet(String greeting, String name) {
        return greeting + " " + name;
    }

    @Test
    void createTakesRouteHandlersOrAnyAppSetting() {
        try (TestClient client = TestClient.create(Route.get("/health", () -> Map.of("status", "ok")))) {
            assertThat(client.get("/health").jsonMap()).isEqualTo(Map.of("status", "ok"));
            assertThat(client.app().routes()).hasSize(1);
        }
        AtomicInteger started = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        try (TestClient client = TestClient.create(app -> app.routeHandlers(Route.get("/greet", TestClientTest::greet))
                .dependency("greeting", Provide.value("Hello"))
                .responseHeader("x-app", "configured")
                .onStartup(ignored -> started.incrementAndGet())
                .onShutdown(ignored -> stopped.incrementAndGet()))) {
            assertThat(started).hasValue(1);
            TestResponse response = client.get("/greet?name=Ada");
            assertThat(response.text()).isEqualTo("Hello Ada");
            assertThat(response.header("x-app")).isEqualTo("configured");
            assertThat(stopped).hasValue(0);
        }
        assertThat(stopped).hasValue(1);
    }

    @Test
    void dependencyOverridesGivenToTheClientReplaceTheAppsDependency() {
        App app = App.builder()
                .dependency("greeting", Provide.value("Hello"))
                .routeHandlers(Route.get("/greet", TestClientTest::greet))
                .build();
        try (TestClient client = TestClient.of(app, Map.of("greeting", Provide.value("Howdy")))) {
            assertThat(client.get("/greet?name=Ada").text()).isEqualTo("Howdy Ada");
        }
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/greet?name=Ada").text()).isEqualTo("Hello Ada");
        }
    }

    @Test
    void cookiesAreOnlySentToTheirPath() {
        try (TestClient client = TestClient.create(
                Route.get(
                        "/admin/login",
                        () -> Response.of("in")
                                .cookie(Cookie.of("admin", "yes").withPath("/admin"))
                                .cookie("site", "all")),
                Route.get("/admin/cookies", TestClientTest::cookies),
                Route.get("/administrator/cookies", TestClientTest::cookies),
                Route.get("/public/cookies", TestClientTest::cookies))) {
            client.get("/admin/login");
            assertThat(client.get("/admin/cookies").jsonMap()).isEqualTo(Map.of("admin", "yes", "site", "all"));
            assertThat(client.get("/public/cookies").jsonMap()).isEqualTo(Map.of("site", "all"));
            assertThat(client.get("/administrator/cookies").jsonMap()).isEqualTo(Map.of("site", "all"));
        }
    }
}

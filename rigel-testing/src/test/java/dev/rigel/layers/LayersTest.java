package dev.rigel.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.ExcludeFromSchema;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.di.Provide;
import dev.rigel.http.Cookie;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Litestar's layer merge rules across app → router → router → controller → handler: what merges
 * by key (closest wins), what adds up (app outermost), and what the closest layer alone decides.
 */
class LayersTest {

    static final class Boom extends RuntimeException {
        Boom() {
            super("boom");
        }
    }

    static final class OtherBoom extends RuntimeException {
        OtherBoom() {
            super("other boom");
        }
    }

    static Map<String, Object> describe(HandlerInfo handler) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path_template", handler.pathTemplate());
        out.put("methods", List.copyOf(new TreeSet<>(handler.methods())));
        out.put("name", handler.name());
        out.put("opt", handler.opt());
        out.put("tags", handler.tags());
        out.put("include_in_schema", handler.includeInSchema());
        return out;
    }

    public static class LayeredController extends Controller {
        public LayeredController() {
            super("/ctl");
            layer().dependency("d", Provide.value("controller-d"))
                    .opt("who", "controller")
                    .opt("controller_only", "yes")
                    .tags("controller", "shared")
                    .responseHeader("x-shared", "controller")
                    .exceptionHandler(
                            Boom.class,
                            (request, e) -> Response.of(Map.of("handled_by", "controller"))
                                    .status(409));
        }

        @Get("/deps")
        public Map<String, String> deps(String a, String b, String c, String d) {
            return Map.of("a", a, "b", b, "c", c, "d", d);
        }

        @Get(
                value = "/info/{item_id:int}",
                name = "item-info",
                tags = {"handler", "app"},
                opt = {"who=handler", "flag"})
        public Map<String, Object> info(int itemId, Request request) {
            Map<String, Object> out = describe(request.handler());
            out.put("item_id", itemId);
            return out;
        }

        @ExcludeFromSchema
        @Get("/hidden")
        public Map<String, Object> hidden(Request request) {
            return describe(request.handler());
        }

        @Get("/headers")
        public String headers() {
            return "controller";
        }

        @Get("/boom")
        public String boom() {
            throw new Boom();
        }

        @Get("/other-boom")
        public String otherBoom() {
            throw new OtherBoom();
        }

        @Post(value = "/upload-big", maxBodySize = 1024)
        public int uploadBig(byte[] body) {
            return body.length;
        }

        @Post("/upload")
        public int upload(byte[] body) {
            return body.length;
        }
    }

    static Map<String, String> routeDeps(String a, String b, String c, String d, String e) {
        return Map.of("a", a, "b", b, "c", c, "d", d, "e", e);
    }

    static int size(byte[] body) {
        return body.length;
    }

    static App app() {
        Router inner = Router.builder("/inner")
                .dependency("c", Provide.value("inner-c"))
                .dependency("d", Provide.value("inner-d"))
                .opt("who", "inner")
                .tags("inner")
                .includeInSchema(true)
                .responseHeader("x-inner", "inner")
                .responseHeader("X-Shared", "inner")
                .responseCookie(Cookie.of("layer", "inner"))
                .routeHandlers(
                        LayeredController.class,
                        Route.get("/route-deps", LayersTest::routeDeps)
                                .dependency("d", Provide.value("handler-d"))
                                .dependency("e", Provide.value("handler-e")),
                        Route.get("/own-header", () -> Response.of("own").header("x-shared", "own")),
                        Route.get("/handler-header", () -> "handler").responseHeader("x-shared", "handler"),
                        Route.get("/cookies", () -> "cookies"),
                        Route.get("/own-cookie", () -> Response.of("own").cookie("layer", "own")),
                        Route.get("/handler-cookie", () -> "handler").responseCookie(Cookie.of("layer", "handler")))
                .build();
        Router outer = Router.builder("/outer")
                .dependency("b", Provide.value("outer-b"))
                .dependency("c", Provide.value("outer-c"))
                .dependency("d", Provide.value("outer-d"))
                .opt("who", "outer")
                .tags("outer")
                .includeInSchema(false)
                .maxBodySize(16)
                .responseHeader("x-shared", "outer")
                .exceptionHandler(
                        Boom.class,
                        (request, e) ->
                                Response.of(Map.of("handled_by", "outer")).status(409))
                .routeHandlers(
                        inner,
                        Route.get("/route-info", (Request request) -> describe(request.handler()))
                                .name("route-info")
                                .opt("who", "route")
                                .tags("route"),
                        Route.get("/boom", () -> {
                            throw new Boom();
                        }),
                        Route.post("/upload", LayersTest::size))
                .build();
        return App.builder()
                .dependency("a", Provide.value("app-a"))
                .dependency("b", Provide.value("app-b"))
                .dependency("c", Provide.value("app-c"))
                .dependency("d", Provide.value("app-d"))
                .opt("who", "app")
                .opt("app_only", "yes")
                .tags("app")
                .maxBodySize(64)
                .responseHeader("x-app", "app")
                .responseHeader("x-shared", "app")
                .responseCookie(Cookie.of("layer", "app"))
                .responseCookie(Cookie.of("app_only", "1"))
                .exceptionHandler(
                        Boom.class,
                        (request, e) -> Response.of(Map.of("handled_by", "app")).status(409))
                .exceptionHandler(
                        OtherBoom.class,
                        (request, e) ->
                                Response.of(Map.of("handled_by", "app-other")).status(409))
                .routeHandlers(
                        outer,
                        Route.get("/app-info", (Request request) -> describe(request.handler())),
                        Route.get("/app-boom", () -> {
                            throw new Boom();
                        }),
                        Route.post("/upload", LayersTest::size))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dependenciesMergeByKeyWithTheClosestLayerWinning(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/outer/inner/ctl/deps").jsonMap())
                    .isEqualTo(Map.of("a", "app-a", "b", "outer-b", "c", "inner-c", "d", "controller-d"));
            assertThat(client.get("/outer/inner/route-deps").jsonMap())
                    .isEqualTo(
                            Map.of("a", "app-a", "b", "outer-b", "c", "inner-c", "d", "handler-d", "e", "handler-e"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void exceptionHandlersMergeByKeyWithTheClosestLayerWinning(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse underApp = client.get("/app-boom");
            assertThat(underApp.status()).isEqualTo(409);
            assertThat(underApp.jsonMap()).containsEntry("handled_by", "app");
            assertThat(client.get("/outer/boom").jsonMap()).containsEntry("handled_by", "outer");
            assertThat(client.get("/outer/inner/ctl/boom").jsonMap()).containsEntry("handled_by", "controller");
            // a closer layer's handler for another key does not hide the app's handler for this one
            TestResponse other = client.get("/outer/inner/ctl/other-boom");
            assertThat(other.status()).isEqualTo(409);
            assertThat(other.jsonMap()).containsEntry("handled_by", "app-other");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handlerInfoCarriesMergedOptTagsAndTheFullPath(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            Map<String, Object> info = client.get("/outer/inner/ctl/info/7").jsonMap();
            assertThat(info)
                    .containsEntry("path_template", "/outer/inner/ctl/info/{item_id:int}")
                    .containsEntry("methods", List.of("GET"))
                    .containsEntry("name", "item-info")
                    .containsEntry("item_id", 7)
                    .containsEntry(
                            "opt", Map.of("who", "handler", "app_only", "yes", "controller_only", "yes", "flag", true))
                    // app outermost, duplicates kept once at their first (outermost) position
                    .containsEntry("tags", List.of("app", "outer", "inner", "controller", "shared", "handler"));

            Map<String, Object> routeInfo = client.get("/outer/route-info").jsonMap();
            assertThat(routeInfo)
                    .containsEntry("path_template", "/outer/route-info")
                    .containsEntry("name", "route-info")
                    .containsEntry("opt", Map.of("who", "route", "app_only", "yes"))
                    .containsEntry("tags", List.of("app", "outer", "route"));

            Map<String, Object> appInfo = client.get("/app-info").jsonMap();
            assertThat(appInfo)
                    .containsEntry("path_template", "/app-info")
                    .containsEntry("opt", Map.of("who", "app", "app_only", "yes"))
                    .containsEntry("tags", List.of("app"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void includeInSchemaTakesTheClosestLayersValue(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/app-info").jsonMap()).containsEntry("include_in_schema", true);
            assertThat(client.get("/outer/route-info").jsonMap()).containsEntry("include_in_schema", false);
            assertThat(client.get("/outer/inner/ctl/info/1").jsonMap()).containsEntry("include_in_schema", true);
            assertThat(client.get("/outer/inner/ctl/hidden").jsonMap()).containsEntry("include_in_schema", false);
        }
    }

    @Test
    void appRoutesListEveryHandlerWithItsMergedMetadata() {
        Map<String, HandlerInfo> byPath =
                app().routes().stream().collect(Collectors.toMap(HandlerInfo::pathTemplate, info -> info, (x, y) -> x));
        assertThat(byPath)
                .containsKeys(
                        "/app-info",
                        "/outer/route-info",
                        "/outer/inner/ctl/deps",
                        "/outer/inner/ctl/info/{item_id:int}",
                        "/outer/inner/route-deps");
        assertThat(byPath.get("/outer/inner/ctl/hidden").includeInSchema()).isFalse();
        assertThat(byPath.get("/outer/boom").includeInSchema()).isFalse();
        assertThat(byPath.get("/outer/inner/ctl/deps").includeInSchema()).isTrue();
        assertThat(byPath.get("/outer/inner/ctl/deps").name()).isEqualTo("LayeredController.deps");
        assertThat(byPath.get("/outer/inner/ctl/deps").tags())
                .containsExactly("app", "outer", "inner", "controller", "shared");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseHeadersMergeByNameWithTheClosestLayerWinningAndTheHandlersOwnBeatingAll(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse controller = client.get("/outer/inner/ctl/headers");
            assertThat(controller.headers().getAll("x-shared")).containsExactly("controller");
            assertThat(controller.header("x-inner")).isEqualTo("inner");
            assertThat(controller.header("x-app")).isEqualTo("app");

            // the inner router set "X-Shared": names compare case-insensitively
            assertThat(client.get("/outer/inner/cookies").headers().getAll("x-shared"))
                    .containsExactly("inner");
            assertThat(client.get("/outer/inner/handler-header").headers().getAll("x-shared"))
                    .containsExactly("handler");
            assertThat(client.get("/outer/inner/own-header").headers().getAll("x-shared"))
                    .containsExactly("own");
            assertThat(client.get("/outer/route-info").headers().getAll("x-shared"))
                    .containsExactly("outer");

            TestResponse underApp = client.get("/app-info");
            assertThat(underApp.headers().getAll("x-shared")).containsExactly("app");
            assertThat(underApp.header("x-inner")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseCookiesMergeByNameWithTheClosestLayerWinningAndTheHandlersOwnBeatingAll(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(cookieValues(client.get("/outer/inner/cookies")))
                    .containsExactlyInAnyOrder("layer=inner", "app_only=1");
            assertThat(cookieValues(client.get("/outer/inner/handler-cookie")))
                    .containsExactlyInAnyOrder("layer=handler", "app_only=1");
            assertThat(cookieValues(client.get("/outer/inner/own-cookie")))
                    .containsExactlyInAnyOrder("layer=own", "app_only=1");
            assertThat(cookieValues(client.get("/app-info"))).containsExactlyInAnyOrder("layer=app", "app_only=1");
        }
    }

    private static List<String> cookieValues(TestResponse response) {
        return response.headers().getAll("set-cookie").stream()
                .map(value -> value.split(";")[0])
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestBodyLimitTakesTheClosestLayersValue(Transport transport) {
        byte[] twenty = "x".repeat(20).getBytes();
        byte[] hundred = "x".repeat(100).getBytes();
        try (TestClient client = Clients.open(app(), transport)) {
            // app: 64 bytes
            assertThat(client.request("POST", "/upload")
                            .body(twenty, "text/plain")
                            .send()
                            .text())
                    .isEqualTo("20");
            TestResponse tooLarge = client.request("POST", "/upload")
                    .body(hundred, "text/plain")
                    .send();
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.jsonMap()).containsEntry("status_code", 413);

            // outer router: 16 bytes, inherited by the inner router and the controller
            assertThat(client.request("POST", "/outer/upload")
                            .body("x".repeat(16).getBytes(), "text/plain")
                            .send()
                            .status())
                    .isEqualTo(201);
            assertThat(client.request("POST", "/outer/upload")
                            .body(twenty, "text/plain")
                            .send()
                            .status())
                    .isEqualTo(413);
            assertThat(client.request("POST", "/outer/inner/ctl/upload")
                            .body(twenty, "text/plain")
                            .send()
                            .status())
                    .isEqualTo(413);

            // the handler's own limit: 1024 bytes
            TestResponse big = client.request("POST", "/outer/inner/ctl/upload-big")
                    .body(hundred, "text/plain")
                    .send();
            assertThat(big.status()).isEqualTo(201);
            assertThat(big.text()).isEqualTo("100");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routersNestWithJoinedPaths(Transport transport) {
        App app = App.builder()
                .routeHandlers(Router.of(
                        "/a",
                        Router.of(
                                "b/",
                                Router.of(
                                        "/c/",
                                        Route.get(
                                                "/d/",
                                                (Request request) ->
                                                        request.handler().pathTemplate() + " " + request.path())))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/a/b/c/d");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("/a/b/c/d /a/b/c/d");
            assertThat(client.get("/d").status()).isEqualTo(404);
            assertThat(client.get("/a/d").status()).isEqualTo(404);
        }
    }
}

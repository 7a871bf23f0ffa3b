package dev.rigel.layers;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Response;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Middleware adds up across layers, app outermost; it runs only for matched routes. */
class MiddlewareTest {

    /** Written by the middleware and handlers under test; middleware classes named in annotations use it too. */
    static final List<String> TRAIL = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearTrail() {
        TRAIL.clear();
    }

    static Middleware recording(String name) {
        return next -> (scope, receive, send) -> {
            TRAIL.add(name + ">");
            next.call(scope, receive, send);
            TRAIL.add("<" + name);
        };
    }

    /** Named in {@code @Get(middleware = …)}: instantiated by Rigel through its no-argument constructor. */
    public static class AnnotatedMiddleware implements Middleware {
        @Override
        public dev.rigel.protocol.Application wrap(dev.rigel.protocol.Application next) {
            return recording("annotation").wrap(next);
        }
    }

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public static class OrderController extends Controller {
        public OrderController() {
            super("/ctl");
            layer().middleware(recording("controller"));
        }

        @Get(value = "/order", middleware = AnnotatedMiddleware.class)
        public String order() {
            TRAIL.add("handler");
            return "ok";
        }
    }

    public static class GuardedController extends Controller {
        public GuardedController() {
            super("/guarded");
            layer().exceptionHandler(
                            Refused.class,
                            (request, e) -> Response.of(Map.of("refused_by_controller", e.getMessage()))
                                    .status(451));
        }

        @Get
        public String get() {
            TRAIL.add("handler");
            return "ok";
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void middlewareAddsUpAcrossLayersWithTheAppOutermost(Transport transport) {
        Router inner = Router.builder("/inner")
                .middleware(recording("inner"))
                .routeHandlers(
                        OrderController.class,
                        Route.get("/route", () -> {
                                    TRAIL.add("handler");
                                    return "ok";
                                })
                                .middleware(recording("route-1"), recording("route-2")))
                .build();
        App app = App.builder()
                .middleware(recording("app-1"), recording("app-2"))
                .routeHandlers(Router.builder("/outer")
                        .middleware(recording("outer"))
                        .routeHandlers(inner)
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/outer/inner/ctl/order").text()).isEqualTo("ok");
            eventually(() -> assertThat(TRAIL)
                    .containsExactly(
                            "app-1>",
                            "app-2>",
                            "outer>",
                            "inner>",
                            "controller>",
                            "annotation>",
                            "handler",
                            "<annotation",
                            "<controller",
                            "<inner",
                            "<outer",
                            "<app-2",
                            "<app-1"));

            TRAIL.clear();
            assertThat(client.get("/outer/inner/route").text()).isEqualTo("ok");
            eventually(() -> assertThat(TRAIL)
                    .containsExactly(
                            "app-1>",
                            "app-2>",
                            "outer>",
                            "inner>",
                            "route-1>",
                            "route-2>",
                            "handler",
                            "<route-2",
                            "<route-1",
                            "<inner",
                            "<outer",
                            "<app-2",
                            "<app-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void middlewareDoesNotRunForUnmatchedPathsOrMethods(Transport transport) {
        App app = App.builder()
                .middleware(recording("app"))
                .routeHandlers(Route.get("/known", () -> "ok"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse notFound = client.get("/unknown");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.jsonMap()).isEqualTo(Map.of("status_code", 404, "detail", "Not Found"));
            TestResponse notAllowed = client.post("/known", Map.of());
            assertThat(notAllowed.status()).isEqualTo(405);
            assertThat(notAllowed.header("allow")).contains("GET");
            assertThat(TRAIL).isEmpty();

            assertThat(client.get("/known").status()).isEqualTo(200);
            eventually(() -> assertThat(TRAIL).containsExactly("app>", "<app"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void middlewareSeesTheMatchedHandlerInTheScope(Transport transport) {
        Middleware describing = next -> (scope, receive, send) -> {
            HandlerInfo handler = HandlerInfo.of(scope);
            String seen = handler.name() + " " + handler.pathTemplate() + " " + handler.methods() + " "
                    + handler.opt().get("scope") + " " + handler.tags() + " " + scope.pathParams();
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    start.headers().add("x-seen", seen);
                }
                send.send(message);
            });
        };
        App app = App.builder()
                .middleware(describing)
                .opt("scope", "app")
                .routeHandlers(Router.builder("/items")
                        .tags("items")
                        .opt("scope", "router")
                        .routeHandlers(Route.get("/{item_id:int}", () -> "item").name("item-handler"))
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/items/42").header("x-seen"))
                    .isEqualTo("item-handler /items/{item_id:int} [GET] router [items] {item_id=42}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void middlewareMayAnswerWithoutCallingTheHandler(Transport transport) {
        Middleware blockAll = next -> (scope, receive, send) -> {
            byte[] body = "blocked".getBytes(StandardCharsets.UTF_8);
            send.send(new Message.ResponseStart(
                    418, Headers.of("content-type", "text/plain", "content-length", Integer.toString(body.length))));
            send.send(new Message.ResponseBody(body, false));
        };
        App app = App.builder()
                .routeHandlers(Route.get("/teapot", () -> {
                            TRAIL.add("handler");
                            return "ok";
                        })
                        .middleware(blockAll))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/teapot");
            assertThat(response.status()).isEqualTo(418);
            assertThat(response.text()).isEqualTo("blocked");
            assertThat(TRAIL).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMiddlewareExceptionBeforeTheResponseStartedIsRenderedThroughExceptionHandlers(Transport transport) {
        AtomicInteger calls = new AtomicInteger();
        Middleware refusing = next -> (scope, receive, send) -> {
            calls.incrementAndGet();
            String key = scope.headers().get("x-key");
            if ("refuse".equals(key)) {
                throw new Refused("no entry");
            }
            if ("401".equals(key)) {
                throw new NotAuthorizedException("Missing credentials");
            }
            if ("crash".equals(key)) {
                throw new IllegalStateException("middleware crashed");
            }
            next.call(scope, receive, send);
        };
        App app = App.builder()
                .middleware(refusing)
                .exceptionHandler(
                        Refused.class,
                        (request, e) -> Response.of(Map.of("refused_by_app", e.getMessage()))
                                .status(451))
                .routeHandlers(
                        Route.get("/open", () -> {
                            TRAIL.add("handler");
                            return "ok";
                        }),
                        GuardedController.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse refused =
                    client.request("GET", "/open").header("x-key", "refuse").send();
            assertThat(refused.status()).isEqualTo(451);
            assertThat(refused.jsonMap()).isEqualTo(Map.of("refused_by_app", "no entry"));

            // the route's merged handlers apply, so a closer layer's handler wins even for app middleware
            TestResponse byController =
                    client.request("GET", "/guarded").header("x-key", "refuse").send();
            assertThat(byController.status()).isEqualTo(451);
            assertThat(byController.jsonMap()).isEqualTo(Map.of("refused_by_controller", "no entry"));

            TestResponse unauthorized =
                    client.request("GET", "/open").header("x-key", "401").send();
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.jsonMap()).isEqualTo(Map.of("status_code", 401, "detail", "Missing credentials"));

            TestResponse crashed =
                    client.request("GET", "/open").header("x-key", "crash").send();
            assertThat(crashed.status()).isEqualTo(500);
            assertThat(crashed.jsonMap()).isEqualTo(Map.of("status_code", 500, "detail", "Internal Server Error"));

            assertThat(TRAIL).isEmpty();
            assertThat(calls).hasValue(4);

            assertThat(client.get("/open").text()).isEqualTo("ok");
            assertThat(TRAIL).containsExactly("handler");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void middlewareCanWrapSendToChangeTheResponse(Transport transport) {
        Middleware poweredBy = next -> (scope, receive, send) -> next.call(scope, receive, message -> {
            if (message instanceof Message.ResponseStart start) {
                start.headers().add("x-powered-by", "rigel");
            }
            send.send(message);
        });
        App app = App.builder()
                .routeHandlers(
                        Router.builder("/api")
                                .middleware(poweredBy)
                                .routeHandlers(Route.get("/ping", () -> "pong"))
                                .build(),
                        Route.get("/ping", () -> "pong"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse inside = client.get("/api/ping");
            assertThat(inside.text()).isEqualTo("pong");
            assertThat(inside.header("x-powered-by")).isEqualTo("rigel");
            assertThat(client.get("/ping").header("x-powered-by")).isNull();
        }
    }
}

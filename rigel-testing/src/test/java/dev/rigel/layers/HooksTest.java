package dev.rigel.layers;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Message;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * before_request, after_request and after_response: the closest layer's hook is the only one that
 * runs (hooks do not chain).
 */
class HooksTest {

    static String whoRan(Request request) {
        return String.valueOf(request.state().get("before"));
    }

    public static class HookedController extends Controller {
        public HookedController() {
            super("/ctl");
            layer().beforeRequest(request -> {
                request.state().put("before", "controller");
                return null;
            });
        }

        @Get("/who")
        public String who(Request request) {
            return whoRan(request);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beforeRequestTakesTheClosestLayersHook(Transport transport) {
        App app = App.builder()
                .beforeRequest(request -> {
                    request.state().put("before", "app");
                    return null;
                })
                .routeHandlers(
                        Route.get("/who", HooksTest::whoRan),
                        Router.builder("/router")
                                .beforeRequest(request -> {
                                    request.state().put("before", "router");
                                    return null;
                                })
                                .routeHandlers(
                                        Route.get("/who", HooksTest::whoRan),
                                        HookedController.class,
                                        Route.get("/handler", HooksTest::whoRan).beforeRequest(request -> {
                                            // only this hook runs: neither the router's nor the app's left a mark
                                            request.state()
                                                    .put(
                                                            "before",
                                                            "handler after "
                                                                    + request.state()
                                                                            .get("before"));
                                            return null;
                                        }))
                                .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/who").text()).isEqualTo("app");
            assertThat(client.get("/router/who").text()).isEqualTo("router");
            assertThat(client.get("/router/ctl/who").text()).isEqualTo("controller");
            assertThat(client.get("/router/handler").text()).isEqualTo("handler after null");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beforeRequestReturningAValueShortCircuitsTheHandler(Transport transport) {
        AtomicInteger handled = new AtomicInteger();
        App app = App.builder()
                .beforeRequest(request -> switch (request.headers().get("x-mode") == null
                        ? ""
                        : request.headers().get("x-mode")) {
                    case "cached" -> Map.of("from", "cache");
                    case "teapot" -> Response.of("short and stout").status(418).header("x-early", "yes");
                    default -> null;
                })
                .routeHandlers(Route.get("/data", () -> {
                    handled.incrementAndGet();
                    return Map.of("from", "handler");
                }))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse cached =
                    client.request("GET", "/data").header("x-mode", "cached").send();
            assertThat(cached.status()).isEqualTo(200);
            assertThat(cached.jsonMap()).isEqualTo(Map.of("from", "cache"));

            TestResponse teapot =
                    client.request("GET", "/data").header("x-mode", "teapot").send();
            assertThat(teapot.status()).isEqualTo(418);
            assertThat(teapot.text()).isEqualTo("short and stout");
            assertThat(teapot.header("x-early")).isEqualTo("yes");
            assertThat(handled).hasValue(0);

            assertThat(client.get("/data").jsonMap()).isEqualTo(Map.of("from", "handler"));
            assertThat(handled).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterRequestTakesTheClosestLayersHookAndMayReplaceTheResponse(Transport transport) {
        App app = App.builder()
                .afterRequest(response -> response.header("x-after", "app"))
                .routeHandlers(
                        Route.get("/plain", () -> Map.of("value", 1)),
                        Router.builder("/wrapped")
                                .afterRequest(response -> Response.of(Map.of("wrapped", response.content()))
                                        .status(202)
                                        .header("x-after", "router"))
                                .routeHandlers(
                                        Route.get("/value", () -> Map.of("value", 2)),
                                        Route.get("/handler", () -> "text")
                                                .afterRequest(
                                                        response -> response.withContent("changed by handler hook")))
                                .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse plain = client.get("/plain");
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.headers().getAll("x-after")).containsExactly("app");
            assertThat(plain.jsonMap()).isEqualTo(Map.of("value", 1));

            TestResponse wrapped = client.get("/wrapped/value");
            assertThat(wrapped.status()).isEqualTo(202);
            assertThat(wrapped.headers().getAll("x-after")).containsExactly("router");
            assertThat(wrapped.jsonMap()).isEqualTo(Map.of("wrapped", Map.of("value", 2)));

            TestResponse handler = client.get("/wrapped/handler");
            assertThat(handler.status()).isEqualTo(200);
            assertThat(handler.text()).isEqualTo("changed by handler hook");
            assertThat(handler.header("x-after")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterResponseRunsAfterTheResponseWasSentAndTakesTheClosestLayersHook(Transport transport) {
        List<String> events = new CopyOnWriteArrayList<>();
        // notes when the last body message has gone out, from the outermost middleware
        Middleware sendWatcher = next -> (scope, receive, send) -> next.call(scope, receive, message -> {
            send.send(message);
            if (message instanceof Message.ResponseBody body && !body.moreBody()) {
                events.add("sent " + scope.path());
            }
        });
        App app = App.builder()
                .middleware(sendWatcher)
                .afterResponse(request -> events.add("app after_response " + request.path()))
                .routeHandlers(
                        Route.get("/app", () -> {
                            events.add("handler /app");
                            return "ok";
                        }),
                        Router.builder("/router")
                                .afterResponse(request -> events.add("router after_response " + request.path()))
                                .routeHandlers(Route.get("/route", () -> {
                                    events.add("handler /router/route");
                                    return "ok";
                                }))
                                .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/app").text()).isEqualTo("ok");
            eventually(
                    () -> assertThat(events).containsExactly("handler /app", "sent /app", "app after_response /app"));

            events.clear();
            assertThat(client.get("/router/route").text()).isEqualTo("ok");
            eventually(() -> assertThat(events)
                    .containsExactly(
                            "handler /router/route", "sent /router/route", "router after_response /router/route"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingAfterResponseHookDoesNotChangeTheResponse(Transport transport) {
        AtomicInteger ran = new AtomicInteger();
        App app = App.builder()
                .afterResponse(request -> {
                    ran.incrementAndGet();
                    throw new IllegalStateException("after_response failed");
                })
                .routeHandlers(Route.get("/fine", () -> "fine"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/fine");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("fine");
            eventually(() -> assertThat(ran).hasValue(1));
            assertThat(client.get("/fine").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsRunBeforeBeforeRequestAndAfterRequestSeesAShortCircuitedAnswer(Transport transport) {
        List<String> events = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .guards((request, handler) -> {
                    events.add("guard");
                    if (request.headers().contains("x-deny")) {
                        throw new dev.rigel.exceptions.PermissionDeniedException("denied");
                    }
                })
                .beforeRequest(request -> {
                    events.add("before_request");
                    return Map.of("early", true);
                })
                .afterRequest(response -> {
                    events.add("after_request");
                    return response.header("x-after", "seen");
                })
                .routeHandlers(Route.get("/early", () -> {
                    events.add("handler");
                    return "late";
                }))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse early = client.get("/early");
            assertThat(early.jsonMap()).isEqualTo(Map.of("early", true));
            assertThat(early.header("x-after")).isEqualTo("seen");
            assertThat(events).containsExactly("guard", "before_request", "after_request");

            events.clear();
            assertThat(client.request("GET", "/early")
                            .header("x-deny", "1")
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(events).containsExactly("guard");
        }
    }
}

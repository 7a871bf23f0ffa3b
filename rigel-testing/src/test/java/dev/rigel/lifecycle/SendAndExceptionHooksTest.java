package dev.rigel.lifecycle;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.Response;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.response.Stream;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** App-wide hooks: beforeSend sees every outgoing message; afterException hears of every exception. */
class SendAndExceptionHooksTest {

    /** Refuses requests without a token, the way an auth middleware does: by raising. */
    static final class TokenMiddleware extends AbstractMiddleware {
        @Override
        protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
            if (!scope.headers().contains("x-token")) {
                throw new NotAuthorizedException("no token");
            }
            next.call(scope, receive, send);
        }
    }

    static App.Builder routes() {
        return App.builder()
                .routeHandlers(
                        Route.get("/ok", () -> "fine"),
                        Route.post("/only-post", () -> "posted"),
                        Route.get("/boom", () -> {
                            throw new IllegalStateException("handler broke");
                        }),
                        Route.get("/dep", (String broken) -> broken).dependency("broken", Provide.of(() -> {
                            throw new IllegalArgumentException("dependency broke");
                        })),
                        Route.get("/secret", () -> "secret").middleware(new TokenMiddleware()),
                        Route.get("/handled", () -> {
                                    throw new NotFoundException("gone");
                                })
                                .exceptionHandler(
                                        NotFoundException.class,
                                        (request, e) -> Response.of("handled").status(410)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beforeSendSeesEveryResponseIncludingErrorsAndUnmatchedRoutes(Transport transport) {
        List<String> seen = new CopyOnWriteArrayList<>();
        App app = routes().cors(
                        CORSConfig.builder().allowOrigins("https://a.example").build())
                .beforeSend((message, scope) -> {
                    if (message instanceof Message.ResponseStart start) {
                        start.headers().set("x-seen", scope.path());
                        seen.add(scope.method() + " " + scope.path() + " " + start.status());
                    } else if (message instanceof Message.ResponseBody body && !body.moreBody()) {
                        seen.add("last body of " + scope.path());
                    }
                    return message;
                })
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/ok").header("x-seen")).isEqualTo("/ok");
            assertThat(client.get("/nowhere").header("x-seen")).isEqualTo("/nowhere");
            assertThat(client.get("/only-post").header("x-seen")).isEqualTo("/only-post");
            assertThat(client.get("/boom").header("x-seen")).isEqualTo("/boom");
            assertThat(client.get("/secret").header("x-seen")).isEqualTo("/secret");
            // answered by the built-in CORS middleware, before any route
            TestResponse preflight = client.request("OPTIONS", "/ok")
                    .header("origin", "https://a.example")
                    .header("access-control-request-method", "GET")
                    .send();
            assertThat(preflight.header("x-seen")).isEqualTo("/ok");
            assertThat(client.options("/ok").header("x-seen")).isEqualTo("/ok");
            eventually(() -> assertThat(seen)
                    .contains(
                            "GET /ok 200",
                            "last body of /ok",
                            "GET /nowhere 404",
                            "GET /only-post 405",
                            "GET /boom 500",
                            "GET /secret 401",
                            "OPTIONS /ok 204"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beforeSendHooksRunInOrderAndMayReplaceMessages(Transport transport) {
        App app = App.builder()
                .routeHandlers(Route.get("/ok", () -> "fine"))
                .beforeSend((message, scope) -> message instanceof Message.ResponseBody body && body.body().length > 0
                        ? new Message.ResponseBody(
                                new String(body.body(), StandardCharsets.UTF_8)
                                        .toUpperCase()
                                        .getBytes(StandardCharsets.UTF_8),
                                body.moreBody())
                        : message)
                .beforeSend((message, scope) -> {
                    if (message instanceof Message.ResponseStart start) {
                        return new Message.ResponseStart(202, start.headers());
                    }
                    return message;
                })
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/ok");
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.text()).isEqualTo("FINE");
        }
    }

    record Reported(String exception, String path) {}

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterExceptionHearsOfEveryExceptionWithoutChangingTheResponse(Transport transport) {
        List<Reported> reported = new CopyOnWriteArrayList<>();
        App app = routes().afterException((exception, request) -> reported.add(new Reported(
                        exception.getClass().getSimpleName() + ": " + exception.getMessage(), request.path())))
                .afterException((exception, request) -> {
                    throw new IllegalStateException("a broken reporter must not matter");
                })
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/ok").status()).isEqualTo(200);
            assertThat(client.get("/boom").status()).isEqualTo(500);
            assertThat(client.get("/dep").status()).isEqualTo(500);
            TestResponse secret = client.get("/secret");
            assertThat(secret.status()).isEqualTo(401);
            assertThat(secret.jsonMap()).containsEntry("detail", "no token");
            assertThat(client.get("/handled").text()).isEqualTo("handled");
            assertThat(client.get("/nowhere").status()).isEqualTo(404);
            assertThat(client.get("/only-post").status()).isEqualTo(405);
            eventually(() -> assertThat(reported)
                    .containsExactly(
                            new Reported("IllegalStateException: handler broke", "/boom"),
                            new Reported("IllegalArgumentException: dependency broke", "/dep"),
                            new Reported("NotAuthorizedException: no token", "/secret"),
                            new Reported("NotFoundException: gone", "/handled"),
                            new Reported("NotFoundException: Not Found", "/nowhere"),
                            new Reported("MethodNotAllowedException: Method Not Allowed", "/only-post")));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anExceptionAfterTheResponseStartedIsReportedOnce(Transport transport) {
        List<String> reported = new CopyOnWriteArrayList<>();
        Iterator<String> failing = new Iterator<>() {
            int sent;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (sent++ == 1) {
                    throw new IllegalStateException("source broke mid-stream");
                }
                return "chunk ";
            }
        };
        App app = App.builder()
                .routeHandlers(Route.get("/stream", () -> Stream.of(failing)))
                .afterException((exception, request) -> reported.add(exception.getMessage() + " at " + request.path()))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThatThrownBy(() -> client.get("/stream")).isInstanceOf(RuntimeException.class);
            eventually(() -> assertThat(reported).containsExactly("source broke mid-stream at /stream"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHookSeesTheRequest(Transport transport) {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        App app = routes().afterException((exception, request) -> seen.add(Map.of(
                        "method", request.method(), "header", request.headers().get("x-trace"))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            client.request("GET", "/boom").header("x-trace", "t-1").send();
            eventually(() -> assertThat(seen).containsExactly(Map.of("method", "GET", "header", "t-1")));
        }
    }
}

package dev.rigel.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Mount;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.WebSocketRoute;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Guard;
import dev.rigel.http.HandlerInfo;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import dev.rigel.websocket.WebSocketConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Another application under a path prefix (Litestar's {@code @asgi(is_mount=True)}). */
class MountTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    /** A plain application that answers with what it was told about the request. */
    static final Application ECHO = (scope, receive, send) -> {
        Message first = receive.receive();
        String body =
                first instanceof Message.RequestBody request ? new String(request.body(), StandardCharsets.UTF_8) : "";
        String text = scope.method() + " root=" + scope.rootPath() + " path=" + scope.rawPath() + " query="
                + scope.queryString() + " body=" + body + " tenant="
                + scope.state().get("tenant");
        send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
        send.send(new Message.ResponseBody(text.getBytes(StandardCharsets.UTF_8), false));
    };

    /** Marks responses and tells inner applications who is calling, as an outer layer's middleware would. */
    static final Middleware MARK = next -> (scope, receive, send) -> {
        scope.state().put("tenant", "acme");
        next.call(scope, receive, message -> {
            if (message instanceof Message.ResponseStart start) {
                start.headers().set("x-outer", "yes");
            }
            send.send(message);
        });
    };

    static App legacy() {
        return App.builder()
                .routeHandlers(
                        Route.get("/users/{user_id:int}", (Integer userId) -> "legacy user " + userId),
                        Route.get("/", () -> "legacy home"),
                        Route.get(
                                "/link",
                                (dev.rigel.http.Request request) ->
                                        request.urlFor("legacy-user", java.util.Map.of("user_id", 3))),
                        Route.get("/named/{user_id:int}", (Integer userId) -> "named " + userId)
                                .name("legacy-user"),
                        WebSocketRoute.handler("/ws", (WebSocketConnection socket) -> {
                            socket.accept();
                            socket.sendText("legacy says " + socket.receiveText());
                        }))
                .onStartup(app -> EVENTS.add("legacy started"))
                .onShutdown(app -> EVENTS.add("legacy stopped"))
                .build();
    }

    static App app() {
        return App.builder()
                .routeHandlers(
                        Router.builder("/api")
                                .middleware(MARK)
                                .routeHandlers(
                                        Mount.of("/legacy", legacy()),
                                        Mount.of("/raw", ECHO).name("echo"),
                                        Route.get("/legacy/health", () -> "parent health"))
                                .build(),
                        Route.get("/", () -> "parent home"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMountedAppServesTheRestOfThePathBehindTheLayersMiddleware(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse user = client.get("/api/legacy/users/7");
            assertThat(user.status()).isEqualTo(200);
            assertThat(user.text()).isEqualTo("legacy user 7");
            assertThat(user.header("x-outer")).isEqualTo("yes");
            assertThat(client.get("/api/legacy").text()).isEqualTo("legacy home");
            assertThat(client.get("/api/legacy/").text()).isEqualTo("legacy home");
            // the mounted app's own 404 and 405
            assertThat(client.get("/api/legacy/nothing").status()).isEqualTo(404);
            assertThat(client.request("DELETE", "/api/legacy/users/7").send().status())
                    .isEqualTo(405);
            // the mounted app's URLs carry the mount point
            assertThat(client.get("/api/legacy/link").text()).endsWith("/api/legacy/named/3");
            // a route the parent declares below the prefix wins
            assertThat(client.get("/api/legacy/health").text()).isEqualTo("parent health");
            assertThat(client.get("/").text()).isEqualTo("parent home");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPlainApplicationSeesTheMountPointAsItsRootAndAnyMethod(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse echoed = client.request("POST", "/api/raw/a%2Fb/c/?x=1")
                    .body("hi".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .send();
            assertThat(echoed.text()).isEqualTo("POST root=/api/raw path=/a%2Fb/c/ query=x=1 body=hi tenant=acme");
            // a method the parent app implements nowhere still reaches the mount
            assertThat(client.request("PROPFIND", "/api/raw/dav").send().text())
                    .startsWith("PROPFIND root=/api/raw path=/dav");
            assertThat(client.request("PROPFIND", "/").send().status()).isEqualTo(501);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void webSocketsReachTheMountedApp(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/api/legacy/ws")) {
            socket.sendText("hello");
            assertThat(socket.receiveText()).isEqualTo("legacy says hello");
        }
    }

    @Test
    void guardsOfTheLayersRefuseBeforeTheMountedAppRuns() {
        Guard adminsOnly = (connection, handler) -> {
            if (!"admin".equals(connection.header("x-role").orElse(null))) {
                throw new dev.rigel.exceptions.PermissionDeniedException("admins only");
            }
        };
        App app = App.builder()
                .routeHandlers(Mount.of("/raw", ECHO).guards(adminsOnly))
                .build();
        try (TestClient client = TestClient.of(app)) {
            TestResponse refused = client.get("/raw/x");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).contains("admins only");
            assertThat(client.request("GET", "/raw/x")
                            .header("x-role", "admin")
                            .send()
                            .text())
                    .startsWith("GET root=/raw path=/x");
        }
    }

    @Test
    void aMountedRigelAppStartsAndStopsWithItsParent() {
        EVENTS.clear();
        App app = app();
        try (TestClient client = TestClient.of(app)) {
            assertThat(EVENTS).containsExactly("legacy started");
            client.get("/api/legacy");
        }
        assertThat(EVENTS).containsExactly("legacy started", "legacy stopped");
    }

    @Test
    void theRouteListShowsTheMountAndTwoAtOnePathAreRefused() {
        List<String> names = app().routes().stream().map(HandlerInfo::name).toList();
        assertThat(names).contains("mount /legacy", "echo");
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Mount.of("/x", ECHO), Mount.of("/x", ECHO))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("/x");
    }
}

package dev.rigel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.WebSocketRoute;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.HttpConnection;
import dev.rigel.http.Request;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.protocol.Headers;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import dev.rigel.websocket.WebSocketConnection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The authentication middleware base, the {@code user}/{@code auth} parameters and their startup checks. */
class AuthenticationMiddlewareTest {

    record Account(String name) {}

    record ApiKey(String key, String owner) {}

    record Directory(Map<String, String> names) {}

    /** Bearer tokens from a fixed table; a missing or unknown token is a 401 with a challenge. */
    static final class KeyAuth extends AbstractAuthenticationMiddleware {

        static final Map<String, ApiKey> KEYS =
                Map.of("k-ann", new ApiKey("k-ann", "ann"), "k-bob", new ApiKey("k-bob", "bob"));

        KeyAuth() {
            exclude("^/public", "^/files/[0-9]+$");
            excludeOptKey("no_auth");
        }

        @Override
        protected AuthenticationResult authenticate(HttpConnection connection) {
            ApiKey key = connection
                    .header("authorization")
                    .filter(value -> value.startsWith("Bearer "))
                    .map(value -> KEYS.get(value.substring(7)))
                    .orElseThrow(() -> new NotAuthorizedException(
                            "A valid bearer token is required", Map.of("WWW-Authenticate", "Bearer"), null));
            return new AuthenticationResult(new Account(key.owner()), key);
        }
    }

    private static App app() {
        return App.builder()
                .cors(CORSConfig.allowAll())
                .middleware(new KeyAuth())
                .routeHandlers(
                        Route.get("/me", (Account user) -> user.name()),
                        Route.get("/key", (ApiKey auth) -> auth.key()),
                        Route.get(
                                "/both",
                                (Request request) -> request.<Account>user().name() + " "
                                        + request.<ApiKey>auth().key()),
                        Route.get("/public/hello", () -> "hello"),
                        // the template is not excluded, but /files/7 is: no caller there
                        Route.get("/files/{id:int}", (Account user, Integer id) -> user.name() + id),
                        Route.get("/users/{user}", (String user) -> "path " + user),
                        Router.builder("/internal")
                                .opt("no_auth", true)
                                .routeHandlers(Route.get("/ping", () -> "pong"))
                                .build(),
                        WebSocketRoute.handler("/ws", (WebSocketConnection socket, Account user) -> {
                            socket.accept();
                            socket.sendText("hi " + user.name());
                        }))
                .build();
    }

    private static TestResponse get(TestClient client, String path, Headers headers) {
        var request = client.request("GET", path);
        headers.forEach(request::header);
        return request.send();
    }

    private static Headers bearer(String token) {
        return Headers.of("authorization", "Bearer " + token);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handlersGetTheCallerAndWhatAuthenticatedIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(get(client, "/me", bearer("k-ann")).text()).isEqualTo("ann");
            assertThat(get(client, "/me", bearer("k-bob")).text()).isEqualTo("bob");
            assertThat(get(client, "/key", bearer("k-bob")).text()).isEqualTo("k-bob");
            // a path parameter named user stays one
            assertThat(get(client, "/users/carl", bearer("k-ann")).text()).isEqualTo("path carl");
            assertThat(get(client, "/both", bearer("k-ann")).text()).isEqualTo("ann k-ann");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRefusalIsTheSubclassesAnswer(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            for (Headers headers :
                    new Headers[] {new Headers(), bearer("nope"), Headers.of("authorization", "Basic x")}) {
                TestResponse refused = get(client, "/me", headers);
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.header("www-authenticate")).isEqualTo("Bearer");
                assertThat(refused.text())
                        .isEqualTo("{\"status_code\":401,\"detail\":\"A valid bearer token is required\"}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void excludedPathsOptsAndMethodsPassUnauthenticated(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/public/hello").text()).isEqualTo("hello");
            assertThat(client.get("/internal/ping").text()).isEqualTo("pong");
            // a CORS preflight carries no credentials (OPTIONS is excluded by default)
            TestResponse preflight = client.request("OPTIONS", "/me")
                    .header("origin", "https://app.example")
                    .header("access-control-request-method", "GET")
                    .send();
            assertThat(preflight.status()).isEqualTo(204);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPathThatAnExclusionLetThroughHasNoCallerSoAskingIsA401(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = get(client, "/files/7", bearer("k-ann"));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text()).isEqualTo("{\"status_code\":401,\"detail\":\"Authentication is required\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketHandshakeIsAuthenticatedBeforeTheUpgrade(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                    .isInstanceOfSatisfying(WebSocketRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.headers().get("www-authenticate")).isEqualTo("Bearer");
                    });
            try (WebSocketTestSession socket = client.websocketConnect("/ws", bearer("k-bob"))) {
                assertThat(socket.receiveText()).isEqualTo("hi bob");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDependencyNamedUserLoadsTheCallerWithOtherDependencies(Transport transport) {
        App app = App.builder()
                .middleware(new KeyAuth())
                .dependency("directory", Provide.value(new Directory(Map.of("ann", "Ann Archer"))))
                .dependency(
                        "user",
                        Provide.of((ApiKey auth, Directory directory) ->
                                directory.names().get(auth.owner())))
                .routeHandlers(Route.get("/me", (String user) -> user))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(get(client, "/me", bearer("k-ann")).text()).isEqualTo("Ann Archer");
            assertThat(client.get("/me").status()).isEqualTo(401);
        }
    }

    @Test
    void askingForTheCallerWhereNoAuthenticationRunsFailsTheBuildNamingTheRoute() {
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Route.get("/me", (Account user) -> user.name()))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /me")
                .hasMessageContaining("parameter 'user'")
                .hasMessageContaining("no authentication middleware covers this route");
        assertThatThrownBy(() -> App.builder()
                        .middleware(new KeyAuth())
                        .routeHandlers(Route.get("/public/me", (ApiKey auth) -> auth.key()))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /public/me")
                .hasMessageContaining("parameter 'auth'");
        assertThatThrownBy(() -> App.builder()
                        .middleware(new KeyAuth())
                        .routeHandlers(Router.builder("/internal")
                                .opt("no_auth", true)
                                .routeHandlers(Route.get("/me", (Account user) -> user.name()))
                                .build())
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /internal/me");
    }

    @Test
    void requestUserWithoutAuthenticationSaysWhatIsMissing() {
        App app = App.builder()
                .routeHandlers(Route.get("/who", (Request request) -> Optional.ofNullable(request.<Object>user())))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThatThrownBy(() -> client.get("/who"))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("no authentication middleware covers this request");
        }
    }
}

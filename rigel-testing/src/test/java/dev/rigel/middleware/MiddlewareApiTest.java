package dev.rigel.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AbstractMiddleware's filters, DefineMiddleware, and middleware for unmatched routes. */
class MiddlewareApiTest {

    /** Marks responses it saw with a header, so a test can tell whether it ran. */
    static final class Marker extends AbstractMiddleware {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    start.headers().add("x-seen-by", name);
                }
                send.send(message);
            });
        }
    }

    public static class Handlers {
        @Get("/plain")
        public String plain() {
            return "plain";
        }

        @Get(value = "/quiet", opt = "skip_marker")
        public String quiet() {
            return "quiet";
        }

        @Get(value = "/loud", opt = "skip_marker=false")
        public String loud() {
            return "loud";
        }

        @Get("/health")
        public String health() {
            return "ok";
        }

        @Get("/files/{name:str}")
        public String file(String name) {
            return name;
        }

        @Get("/items/{id:int}")
        public String item(int id) {
            return Integer.toString(id);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void excludedPathsAndOptKeysSkipTheMiddleware(Transport transport) {
        Marker marker = new Marker("m");
        marker.exclude("^/health$").excludeOptKey("skip_marker");
        App app = App.builder().middleware(marker).routeHandlers(Handlers.class).build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/plain").header("x-seen-by")).isEqualTo("m");
            assertThat(client.get("/loud").header("x-seen-by")).isEqualTo("m");
            assertThat(client.get("/quiet").header("x-seen-by")).isNull();
            assertThat(client.get("/health").header("x-seen-by")).isNull();
            assertThat(client.get("/health").text()).isEqualTo("ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void exclusionsMeanARegexSearchWhetherLiteralPrefixOrPattern(Transport transport) {
        Marker marker = new Marker("m");
        marker.exclude("^/health$", "^/files/", "^/items/1\\d*$", "\\.map$");
        App app = App.builder().middleware(marker).routeHandlers(Handlers.class).build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/health").header("x-seen-by")).isNull();
            assertThat(client.get("/files/a").header("x-seen-by")).isNull();
            assertThat(client.get("/files/app.js.map").header("x-seen-by")).isNull();
            assertThat(client.get("/items/12").header("x-seen-by")).isNull();
            assertThat(client.get("/items/2").header("x-seen-by")).isEqualTo("m");
            assertThat(client.get("/items/21").header("x-seen-by")).isEqualTo("m");
            assertThat(client.get("/plain").header("x-seen-by")).isEqualTo("m");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void scopesLimitWhichConnectionsItSees(Transport transport) {
        Marker httpOnly = new Marker("http");
        httpOnly.scopes(ScopeType.HTTP);
        Marker websocketOnly = new Marker("ws");
        websocketOnly.scopes(ScopeType.WEBSOCKET);
        App app = App.builder()
                .middleware(httpOnly, websocketOnly)
                .routeHandlers(Handlers.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/plain").headers().getAll("x-seen-by")).containsExactly("http");
        }
    }

    @Test
    void badSettingsFailWhenGiven() {
        assertThatThrownBy(() -> new Marker("m").exclude("(unclosed"))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
        assertThatThrownBy(() -> new Marker("m").scopes()).isInstanceOf(IllegalArgumentException.class);
    }

    /** An ASGI-style middleware class: next application first, settings after. */
    public static final class HeaderStamp implements Application {
        private final Application next;
        private final String name;
        private final int times;

        public HeaderStamp(Application next, String name, Integer times) {
            this.next = next;
            this.name = name;
            this.times = times;
        }

        @Override
        public void call(Scope scope, Receive receive, Send send) throws Exception {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    start.headers().add(name, "x".repeat(times));
                }
                send.send(message);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void defineMiddlewarePassesItsSettingsToTheConstructor(Transport transport) {
        App app = App.builder()
                .routeHandlers(Router.builder("/r")
                        .middleware(DefineMiddleware.of(HeaderStamp.class, "x-stamp", 3))
                        .routeHandlers(Route.get("/a", () -> "a"), Route.get("/b", () -> "b"))
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/r/a").header("x-stamp")).isEqualTo("xxx");
            assertThat(client.get("/r/b").header("x-stamp")).isEqualTo("xxx");
        }
    }

    @Test
    void defineMiddlewareRefusesSettingsNoConstructorTakes() {
        assertThatThrownBy(() -> DefineMiddleware.of(HeaderStamp.class, "x-stamp"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("HeaderStamp has no public constructor taking (Application next, String)");
        assertThatThrownBy(() -> DefineMiddleware.of(HeaderStamp.class, 3, "x-stamp"))
                .isInstanceOf(ImproperlyConfiguredException.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void chosenMiddlewareAlsoRunsForUnmatchedRoutes(Transport transport) {
        Marker everywhere = new Marker("everywhere");
        Marker routesOnly = new Marker("routes-only");
        App app = App.builder()
                .middleware(everywhere, routesOnly)
                .alsoForUnmatchedRoutes(everywhere)
                .routeHandlers(Handlers.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/plain").headers().getAll("x-seen-by")).containsExactly("routes-only", "everywhere");
            TestResponse missing = client.get("/nope");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.headers().getAll("x-seen-by")).containsExactly("everywhere");
            TestResponse wrongMethod = client.delete("/plain");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.headers().getAll("x-seen-by")).containsExactly("everywhere");
            TestResponse options = client.options("/plain");
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.headers().getAll("x-seen-by")).containsExactly("everywhere");
        }
    }

    @Test
    void byDefaultNoMiddlewareRunsForUnmatchedRoutes() {
        App app = App.builder()
                .middleware(new Marker("m"))
                .routeHandlers(Handlers.class)
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/nope").header("x-seen-by")).isNull();
        }
    }

    @Test
    void unmatchedRouteMiddlewareMustBeRegisteredOnTheApp() {
        Marker stray = new Marker("stray");
        assertThatThrownBy(() -> App.builder()
                        .alsoForUnmatchedRoutes(stray)
                        .routeHandlers(Handlers.class)
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("alsoForUnmatchedRoutes(Marker)")
                .hasMessageContaining("not registered on the app");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anOuterMiddlewareSeesTheAnswerToAnInnerMiddlewaresException(Transport transport) {
        Middleware refuse = next -> (scope, receive, send) -> {
            throw new NotAuthorizedException("no entry");
        };
        Marker outer = new Marker("outer");
        App app = App.builder()
                .middleware(outer)
                .alsoForUnmatchedRoutes(outer)
                .routeHandlers(Router.builder("/locked")
                        .middleware(refuse)
                        .routeHandlers(Route.get("/door", () -> "open"))
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/locked/door");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text()).isEqualTo("{\"status_code\":401,\"detail\":\"no entry\"}");
            assertThat(response.header("x-seen-by")).isEqualTo("outer");
        }
    }
}

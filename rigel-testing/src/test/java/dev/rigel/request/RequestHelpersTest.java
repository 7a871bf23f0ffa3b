package dev.rigel.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NoRouteMatchFoundException;
import dev.rigel.http.Request;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code request.accepts(…)} content negotiation and URL building by route name. */
class RequestHelpersTest {

    public static class UserController extends Controller {
        public UserController() {
            super("/users");
        }

        @Get(value = "/{user_id:int}", name = "get_user")
        public Map<String, Object> get(int userId) {
            return Map.of("id", userId);
        }

        @Get(
                value = {"/", "/by-team/{team:uuid}"},
                name = "list_users")
        public String list() {
            return "users";
        }

        @Get("/unnamed")
        public String unnamed() {
            return "x";
        }

        @Get("/links/{user_id:int}")
        public Map<String, String> links(int userId, Request request) {
            return Map.of(
                    "self",
                    request.urlFor("get_user", Map.of("userId", userId)),
                    "search",
                    request.urlFor(
                            "search",
                            Map.of(),
                            new java.util.TreeMap<>(Map.of("q", "a b&c", "tag", List.of("x", "y")))),
                    "file",
                    request.urlFor("files", Map.of("path", "docs/read me.txt")));
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(
                        Router.of("/api", UserController.class),
                        Route.get("/search", () -> "results").name("search"),
                        Route.get("/files/{path:path}", () -> "file").name("files"),
                        Route.get(
                                "/negotiate",
                                (Request request) -> request.accepts("application/json", "text/html")
                                        .orElse("none")))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void urlForBuildsAbsoluteUrlsOnTheRequestsHost(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            Map<String, Object> links = client.get("/api/users/links/7").jsonMap();
            String base = transport == Transport.IN_PROCESS ? "http://testserver.local" : "http://127.0.0.1:";
            assertThat((String) links.get("self")).startsWith(base).endsWith("/api/users/7");
            assertThat((String) links.get("search")).endsWith("/search?q=a%20b%26c&tag=x&tag=y");
            assertThat((String) links.get("file")).endsWith("/files/docs/read%20me.txt");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void acceptsPicksTheClientsPreferredType(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.request("GET", "/negotiate")
                            .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                            .send()
                            .text())
                    .isEqualTo("text/html");
            assertThat(client.request("GET", "/negotiate")
                            .header("accept", "application/json")
                            .send()
                            .text())
                    .isEqualTo("application/json");
            assertThat(client.request("GET", "/negotiate")
                            .header("accept", "image/png")
                            .send()
                            .text())
                    .isEqualTo("none");
        }
    }

    @Test
    void withoutAcceptHeaderTheFirstOfferedWins() {
        try (TestClient client = TestClient.of(app())) {
            // the in-process client sends no Accept header unless asked to
            assertThat(client.get("/negotiate").text()).isEqualTo("application/json");
        }
    }

    @Test
    void routeReverseFillsParametersOfEitherSpelling() {
        App app = app();
        assertThat(app.routeReverse("get_user", Map.of("user_id", 3))).isEqualTo("/api/users/3");
        assertThat(app.routeReverse("get_user", Map.of("userId", "42"))).isEqualTo("/api/users/42");
        // a handler on several paths: the path whose parameters were given
        assertThat(app.routeReverse("list_users", Map.of())).isEqualTo("/api/users");
        UUID team = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(app.routeReverse("list_users", Map.of("team", team))).isEqualTo("/api/users/by-team/" + team);
        assertThat(app.routeReverse("search", Map.of(), Map.of("page", 2))).isEqualTo("/search?page=2");
        assertThat(app.routeReverse("files", Map.of("path", "/a/b c/%.txt"))).isEqualTo("/files/a/b%20c/%25.txt");
    }

    @Test
    void wrongNamesAndParametersAreClearErrors() {
        App app = app();
        assertThatThrownBy(() -> app.routeReverse("get_usr", Map.of("userId", 1)))
                .isInstanceOf(NoRouteMatchFoundException.class)
                .hasMessageContaining("No route is named 'get_usr'")
                .hasMessageContaining("get_user");
        assertThatThrownBy(() -> app.routeReverse("UserController.unnamed", Map.of()))
                .isInstanceOf(NoRouteMatchFoundException.class);
        assertThatThrownBy(() -> app.routeReverse("get_user", Map.of()))
                .isInstanceOf(NoRouteMatchFoundException.class)
                .hasMessageContaining("[user_id]");
        assertThatThrownBy(() -> app.routeReverse("get_user", Map.of("userId", 1, "extra", 2)))
                .isInstanceOf(NoRouteMatchFoundException.class)
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> app.routeReverse("get_user", Map.of("userId", "abc")))
                .isInstanceOf(NoRouteMatchFoundException.class)
                .hasMessageContaining("must be of type int")
                .hasMessageContaining("'abc'");
        assertThatThrownBy(() -> app.routeReverse("list_users", Map.of("team", "not-a-uuid")))
                .isInstanceOf(NoRouteMatchFoundException.class)
                .hasMessageContaining("uuid");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownNameInAHandlerIsA500(Transport transport) {
        App app = App.builder()
                .routeHandlers(Route.get("/broken", (Request request) -> request.urlFor("nowhere", Map.of())))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/broken");
            assertThat(response.status()).isEqualTo(500);
        }
    }

    @Test
    void duplicateNamesFailTheBuild() {
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(
                                Route.get("/a", () -> "a").name("same"),
                                Route.get("/b", () -> "b").name("same"))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Route name 'same' is used by");
    }
}

package dev.rigel.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Head;
import dev.rigel.annotation.Post;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How requests find their handler: static vs parameter segments, 404, 405, OPTIONS and HEAD. */
class RoutingTest {

    static final String NOT_FOUND = "{\"status_code\":404,\"detail\":\"Not Found\"}";
    static final String METHOD_NOT_ALLOWED = "{\"status_code\":405,\"detail\":\"Method Not Allowed\"}";

    public static class Users extends Controller {
        public Users() {
            super("/users");
        }

        @Get
        public String list() {
            return "all users";
        }

        @Post
        public String create() {
            return "created";
        }

        @Get("/me")
        public String me() {
            return "the current user";
        }

        @Get("/{id}")
        public String byId(String id) {
            return "user " + id;
        }

        @Get("/me/settings")
        public String mySettings() {
            return "my settings";
        }

        @Get("/{id}/x")
        public String x(String id) {
            return "x of " + id;
        }

        @Delete("/{id}")
        public void remove(String id) {}
    }

    public static class Reports {
        @Get("/report")
        public Map<String, Object> report() {
            return Map.of("rows", 3);
        }

        @Head("/probe")
        public void probe() {}

        @Get("/probe")
        public String probeBody() {
            return "get body";
        }

        @Post("/submit")
        public String submit() {
            return "ok";
        }
    }

    static final App APP = App.builder()
            .routeHandlers(
                    Users.class,
                    new Reports(),
                    Route.get("/", () -> "root"),
                    Router.of("/api", Router.of("/v1", Route.get("/ping", () -> "pong"))))
            .build();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStaticSegmentBeatsAParameter(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/users/me").text()).isEqualTo("the current user");
            assertThat(client.get("/users/42").text()).isEqualTo("user 42");
            assertThat(client.get("/users/mee").text()).isEqualTo("user mee");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void backtracksFromAStaticSegmentToAParameter(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/users/me/settings").text()).isEqualTo("my settings");
            assertThat(client.get("/users/me/x").text()).isEqualTo("x of me");
            assertThat(client.get("/users/7/x").text()).isEqualTo("x of 7");
            assertThat(client.get("/users/7/settings").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void trailingSlashesDoNotMatter(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/users/").text()).isEqualTo("all users");
            assertThat(client.get("/users/42/").text()).isEqualTo("user 42");
            assertThat(client.get("/api/v1/ping/").text()).isEqualTo("pong");
            assertThat(client.get("/").text()).isEqualTo("root");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nestedRoutersJoinTheirPaths(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/api/v1/ping").text()).isEqualTo("pong");
            assertThat(client.get("/v1/ping").status()).isEqualTo(404);
            assertThat(client.get("/api/ping").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void percentEncodedSegmentsAreDecodedBeforeBinding(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/users/Ada%20Lovelace").text()).isEqualTo("user Ada Lovelace");
            assertThat(client.get("/users/J%C3%BCrgen/x").text()).isEqualTo("x of Jürgen");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownPathIs404WithTheStandardBody(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            for (String path : new String[] {"/nope", "/users/1/2/3", "/api", "/api/v1/pong"}) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.header("content-type")).isEqualTo("application/json");
                assertThat(response.text()).isEqualTo(NOT_FOUND);
            }
            assertThat(client.post("/nope", Map.of()).text()).isEqualTo(NOT_FOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aKnownPathWithAnotherMethodIs405WithAllow(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse put = client.put("/users", Map.of("name", "x"));
            assertThat(put.status()).isEqualTo(405);
            assertThat(put.header("allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
            assertThat(put.text()).isEqualTo(METHOD_NOT_ALLOWED);

            TestResponse post = client.post("/users/42", Map.of());
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.header("allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS");

            TestResponse get = client.get("/submit");
            assertThat(get.status()).isEqualTo(405);
            assertThat(get.header("allow")).isEqualTo("OPTIONS, POST");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyRouteAnswersOptionsWith204AndAllow(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            Map<String, String> expected = Map.of(
                    "/users", "GET, HEAD, OPTIONS, POST",
                    "/users/42", "DELETE, GET, HEAD, OPTIONS",
                    "/users/me", "GET, HEAD, OPTIONS",
                    "/submit", "OPTIONS, POST",
                    "/probe", "GET, HEAD, OPTIONS",
                    "/api/v1/ping", "GET, HEAD, OPTIONS");
            expected.forEach((path, allow) -> {
                TestResponse response = client.options(path);
                assertThat(response.status()).as(path).isEqualTo(204);
                assertThat(response.header("allow")).as(path).isEqualTo(allow);
                assertThat(response.body()).as(path).isEmpty();
            });
            assertThat(client.options("/nope").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getRoutesAnswerHeadWithTheSameHeadersAndNoBody(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            for (String path : new String[] {"/report", "/users/42", "/"}) {
                TestResponse get = client.get(path);
                TestResponse head = client.head(path);

                assertThat(head.status()).as(path).isEqualTo(200);
                assertThat(head.header("content-type")).as(path).isEqualTo(get.header("content-type"));
                assertThat(head.header("content-length"))
                        .as(path)
                        .isEqualTo(Integer.toString(get.body().length))
                        .isNotEqualTo("0");
                assertThat(head.body()).as(path).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anExplicitHeadHandlerBeatsTheImpliedOne(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse head = client.head("/probe");

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("0");
            assertThat(client.get("/probe").text()).isEqualTo("get body");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headOnARouteWithoutGetIs405WithoutABody(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse head = client.head("/submit");

            assertThat(head.status()).isEqualTo(405);
            assertThat(head.header("allow")).isEqualTo("OPTIONS, POST");
            assertThat(head.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headOnAnUnknownPathIs404WithoutABody(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse head = client.head("/nope");

            assertThat(head.status()).isEqualTo(404);
            assertThat(head.header("content-length")).isEqualTo(Integer.toString(NOT_FOUND.length()));
            assertThat(head.body()).isEmpty();
        }
    }
}

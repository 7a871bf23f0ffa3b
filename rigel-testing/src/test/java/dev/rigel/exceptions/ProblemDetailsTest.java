package dev.rigel.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.http.Response;
import dev.rigel.problem.ProblemDetailsConfig;
import dev.rigel.problem.ProblemDetailsException;
import dev.rigel.problem.ProblemDetailsPlugin;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 9457 problem details: the plugin for the app, {@code applyTo} for one layer. */
class ProblemDetailsTest {

    public record NewUser(@NotBlank String name) {}

    public static class Accounts extends Controller {
        public Accounts() {
            super("/accounts");
        }

        @Post("/{id:int}/messages")
        public String send(int id) {
            throw new ProblemDetailsException(403, "Your balance is 30, but that costs 50.")
                    .type("https://example.com/probs/out-of-credit")
                    .title("You do not have enough credit.")
                    .instance("/account/" + id + "/msgs/abc")
                    .extension("balance", 30);
        }

        @Get("/{id:int}")
        public String get(int id) {
            throw new NotFoundException("Account " + id + " does not exist");
        }

        @Post("/users")
        public NewUser create(NewUser data) {
            return data;
        }

        @Get("/limited")
        public String limited() {
            throw new TooManyRequestsException("Slow down", Map.of("Retry-After", "5"), null);
        }

        @Get("/broken")
        public String broken() {
            throw new IllegalStateException("password=hunter2 rejected by db.internal");
        }

        @Get("/internal")
        public String internal() {
            throw new InternalServerException("db.internal:5432 refused the connection");
        }

        @Get("/argument")
        public String argument() {
            throw new IllegalArgumentException("the argument was wrong");
        }
    }

    private static void assertProblem(TestResponse response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.jsonMap()).containsEntry("status", status).doesNotContainKey("status_code");
    }

    private static void assertStandard(TestResponse response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.jsonMap()).containsEntry("status_code", status);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProblemDetailsExceptionIsAnsweredAsProblemJsonWithItsMembers(Transport transport) {
        App app = App.builder()
                .plugins(new ProblemDetailsPlugin())
                .routeHandlers(Accounts.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.post("/accounts/12345/messages", null);
            assertProblem(response, 403);
            assertThat(response.jsonMap())
                    .containsExactly(
                            Map.entry("type", "https://example.com/probs/out-of-credit"),
                            Map.entry("title", "You do not have enough credit."),
                            Map.entry("status", 403),
                            Map.entry("detail", "Your balance is 30, but that costs 50."),
                            Map.entry("instance", "/account/12345/msgs/abc"),
                            Map.entry("balance", 30));
            // not switched on for every HttpException: those keep Rigel's standard body
            assertStandard(client.get("/accounts/7"), 404);
            assertStandard(client.get("/nowhere"), 404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void enabledForAllHttpExceptionsValidationErrorsNotFoundAndHeadersToo(Transport transport) {
        App app = App.builder()
                .plugins(new ProblemDetailsPlugin(ProblemDetailsConfig.create().enableForAllHttpExceptions(true)))
                .routeHandlers(Accounts.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse notFound = client.get("/accounts/7");
            assertProblem(notFound, 404);
            assertThat(notFound.jsonMap())
                    .containsEntry("type", "about:blank")
                    .containsEntry("title", "Not Found")
                    .containsEntry("detail", "Account 7 does not exist");

            assertProblem(client.get("/nowhere"), 404);
            assertProblem(client.request("DELETE", "/accounts/7").send(), 405);

            TestResponse invalid = client.post("/accounts/users", Map.of("name", " "));
            assertProblem(invalid, 400);
            assertThat(invalid.jsonMap()).containsEntry("detail", "Validation failed for POST /accounts/users");
            assertThat(invalid.jsonMap().get("errors"))
                    .isEqualTo(List.of(Map.of("key", "name", "message", "must not be blank", "source", "body")));

            TestResponse malformed = client.request("POST", "/accounts/users")
                    .body("{\"name\":".getBytes(StandardCharsets.UTF_8), "application/json")
                    .send();
            assertProblem(malformed, 400);
            assertThat((String) malformed.jsonMap().get("detail")).startsWith("Malformed JSON");

            TestResponse limited = client.get("/accounts/limited");
            assertProblem(limited, 429);
            assertThat(limited.header("retry-after")).isEqualTo("5");

            // 500s say nothing of their cause: an HttpException's detail is dropped...
            TestResponse internal = client.get("/accounts/internal");
            assertProblem(internal, 500);
            assertThat(internal.jsonMap()).doesNotContainKey("detail");
            assertThat(internal.text()).doesNotContain("db.internal");
            // ...and an unexpected exception keeps Rigel's standard, logged, opaque 500
            TestResponse broken = client.get("/accounts/broken");
            assertStandard(broken, 500);
            assertThat(broken.text()).doesNotContain("hunter2");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void mappedExceptionTypesAreConverted(Transport transport) {
        App app = App.builder()
                .plugins(new ProblemDetailsPlugin(ProblemDetailsConfig.create()
                        .map(
                                IllegalArgumentException.class,
                                e -> new ProblemDetailsException(422, e.getMessage())
                                        .type("https://example.com/probs/bad-argument"))))
                .routeHandlers(Accounts.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/accounts/argument");
            assertProblem(response, 422);
            assertThat(response.jsonMap())
                    .containsEntry("type", "https://example.com/probs/bad-argument")
                    .containsEntry("detail", "the argument was wrong")
                    .doesNotContainKey("title");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRouterOrRouteCanUseProblemDetailsWithoutTheApp(Transport transport) {
        ProblemDetailsConfig all = ProblemDetailsConfig.create().enableForAllHttpExceptions(true);
        App app = App.builder()
                .routeHandlers(
                        all.applyTo(Router.builder("/v2").routeHandlers(Accounts.class))
                                .build(),
                        Router.of("/v1", Accounts.class),
                        all.applyTo(Route.get("/single", () -> {
                            throw new NotFoundException("no single");
                        })))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertProblem(client.get("/v2/accounts/7"), 404);
            assertProblem(client.get("/single"), 404);
            assertStandard(client.get("/v1/accounts/7"), 404);
            assertStandard(client.post("/v1/accounts/1/messages", null), 403);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMoreSpecificHandlerStillWins(Transport transport) {
        App app = App.builder()
                .plugins(new ProblemDetailsPlugin(ProblemDetailsConfig.create().enableForAllHttpExceptions(true)))
                .exceptionHandler(
                        404, (request, exception) -> Response.of("custom 404").status(404))
                .routeHandlers(Accounts.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/accounts/7");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).isEqualTo("custom 404");
            assertProblem(client.get("/accounts/limited"), 429);
        }
    }
}

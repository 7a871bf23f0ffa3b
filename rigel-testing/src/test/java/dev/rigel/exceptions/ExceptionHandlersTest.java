package dev.rigel.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exception handlers on every layer, keyed by status code or exception class. Per key the closest
 * layer wins; among the handlers that apply, the documented precedence is: the exception's nearest
 * specific class, then its status code, then the generic roots (Exception, RuntimeException,
 * HttpException, ClientException, …).
 */
class ExceptionHandlersTest {

    /** A handler that answers with a label, so a test can tell which one ran. */
    static ExceptionHandler labelled(String label) {
        return (request, exception) -> Response.of(
                Map.of("handled_by", label, "exception", exception.getClass().getSimpleName(), "path", request.path()));
    }

    static String handledBy(TestResponse response) {
        return (String) response.jsonMap().get("handled_by");
    }

    // ---- closest layer wins for the same key ----

    public static class Layered extends Controller {
        public Layered() {
            super("/controller");
            layer().exceptionHandler(404, labelled("controller"));
        }

        @Get
        public String get() {
            throw new NotFoundException("gone");
        }
    }

    static final App LAYERED = App.builder()
            .exceptionHandler(404, labelled("app"))
            .routeHandlers(
                    Route.get("/app", () -> {
                        throw new NotFoundException();
                    }),
                    Router.builder("/router")
                            .exceptionHandler(404, labelled("router"))
                            .routeHandlers(
                                    Route.get("/", () -> {
                                        throw new NotFoundException();
                                    }),
                                    Layered.class,
                                    Route.get("/handler", () -> {
                                                throw new NotFoundException();
                                            })
                                            .exceptionHandler(404, labelled("handler")))
                            .build())
            .build();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theClosestLayerWinsForTheSameKey(Transport transport) {
        try (TestClient client = Clients.open(LAYERED, transport)) {
            assertThat(handledBy(client.get("/app"))).isEqualTo("app");
            assertThat(handledBy(client.get("/router"))).isEqualTo("router");
            assertThat(handledBy(client.get("/router/controller"))).isEqualTo("controller");
            assertThat(handledBy(client.get("/router/handler"))).isEqualTo("handler");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHandlerKeepsTheExceptionsStatusUnlessItSetsOne(Transport transport) {
        try (TestClient client = Clients.open(LAYERED, transport)) {
            TestResponse response = client.get("/router/controller");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.jsonMap())
                    .containsEntry("exception", "NotFoundException")
                    .containsEntry("path", "/router/controller");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void appLevelHandlersAlsoAnswerUnroutedRequests(Transport transport) {
        App app = App.builder()
                .exceptionHandler(404, labelled("app 404"))
                .exceptionHandler(
                        MethodNotAllowedException.class,
                        (request, exception) -> Response.of("try "
                                        + ((HttpException) exception).headers().get("Allow"))
                                .status(405))
                .routeHandlers(Route.get("/only-get", () -> "x"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse missing = client.get("/nowhere");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(handledBy(missing)).isEqualTo("app 404");
            assertThat(missing.jsonMap()).containsEntry("path", "/nowhere");

            TestResponse wrongMethod = client.post("/only-get", null);
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.text()).isEqualTo("try GET, HEAD, OPTIONS");
        }
    }

    // ---- which handler applies to an exception ----

    public static class Raising {
        @Get("/number-format")
        public String numberFormat() {
            throw new NumberFormatException("not a number");
        }

        @Get("/illegal-state")
        public String illegalState() {
            throw new IllegalStateException("bad state");
        }

        @Get("/not-found")
        public String notFound() {
            throw new NotFoundException("no such thing");
        }

        @Get("/forbidden")
        public String forbidden() {
            throw new PermissionDeniedException();
        }

        @Get("/internal")
        public String internal() {
            throw new InternalServerException("on purpose");
        }

        @Get("/io")
        public String io() throws IOException {
            throw new IOException("io");
        }

        @Get("/validation")
        public String validation(int page) {
            return "never";
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClassHandlerAppliesToSubclassesAndTheNearestClassWins(Transport transport) {
        App app = App.builder()
                .exceptionHandler(RuntimeException.class, labelled("RuntimeException"))
                .routeHandlers(Router.builder("/r")
                        .exceptionHandler(IllegalArgumentException.class, labelled("IllegalArgumentException"))
                        .routeHandlers(Raising.class)
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            // NumberFormatException extends IllegalArgumentException extends RuntimeException: the nearer class wins
            assertThat(handledBy(client.get("/r/number-format"))).isEqualTo("IllegalArgumentException");
            assertThat(handledBy(client.get("/r/illegal-state"))).isEqualTo("RuntimeException");
            assertThat(client.get("/r/number-format").status()).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theNearestClassWinsWhicheverLayerDeclaresIt(Transport transport) {
        App app = App.builder()
                .exceptionHandler(IllegalArgumentException.class, labelled("app IllegalArgumentException"))
                .routeHandlers(Router.builder("/r")
                        .exceptionHandler(RuntimeException.class, labelled("router RuntimeException"))
                        .routeHandlers(Raising.class)
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(handledBy(client.get("/r/number-format"))).isEqualTo("app IllegalArgumentException");
            assertThat(handledBy(client.get("/r/illegal-state"))).isEqualTo("router RuntimeException");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSpecificClassBeatsAStatusCode(Transport transport) {
        App app = App.builder()
                .exceptionHandler(404, labelled("404"))
                .exceptionHandler(NotFoundException.class, labelled("NotFoundException"))
                .exceptionHandler(500, labelled("500"))
                .exceptionHandler(IllegalStateException.class, labelled("IllegalStateException"))
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(handledBy(client.get("/not-found"))).isEqualTo("NotFoundException");
            assertThat(handledBy(client.get("/illegal-state"))).isEqualTo("IllegalStateException");
            assertThat(handledBy(client.get("/number-format"))).isEqualTo("500");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStatusCodeBeatsTheGenericRoots(Transport transport) {
        App app = App.builder()
                .exceptionHandler(Exception.class, labelled("Exception"))
                .exceptionHandler(RuntimeException.class, labelled("RuntimeException"))
                .exceptionHandler(HttpException.class, labelled("HttpException"))
                .exceptionHandler(ClientException.class, labelled("ClientException"))
                .exceptionHandler(404, labelled("404"))
                .exceptionHandler(500, labelled("500"))
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(handledBy(client.get("/not-found"))).isEqualTo("404");
            assertThat(handledBy(client.get("/illegal-state"))).isEqualTo("500");
            assertThat(handledBy(client.get("/internal"))).isEqualTo("500");
            assertThat(handledBy(client.get("/io"))).isEqualTo("500");
            // no status handler for 403: the nearest generic root applies
            assertThat(handledBy(client.get("/forbidden"))).isEqualTo("ClientException");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void genericRootsCatchWhatNothingElseDoes(Transport transport) {
        App app = App.builder()
                .exceptionHandler(Exception.class, labelled("Exception"))
                .exceptionHandler(HttpException.class, labelled("HttpException"))
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(handledBy(client.get("/io"))).isEqualTo("Exception");
            assertThat(handledBy(client.get("/illegal-state"))).isEqualTo("Exception");
            assertThat(handledBy(client.get("/forbidden"))).isEqualTo("HttpException");
            assertThat(client.get("/forbidden").status()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStatusCodeHandlerSeesEveryUnexpectedExceptionAs500(Transport transport) {
        App app = App.builder()
                .exceptionHandler(500, (request, exception) -> Response.of("sorry: " + exception.getMessage()))
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/io");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.text()).isEqualTo("sorry: io");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerMayChooseTheStatusHeadersAndBody(Transport transport) {
        App app = App.builder()
                .exceptionHandler(
                        IllegalArgumentException.class,
                        (request, exception) -> Response.of(Map.of("error", exception.getMessage()))
                                .status(422)
                                .header("X-Error", "arg"))
                .exceptionHandler(
                        ValidationException.class,
                        (request, exception) -> Response.of("bad: "
                                + ((ValidationException) exception)
                                        .errors()
                                        .get(0)
                                        .key()))
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/number-format");
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.header("x-error")).isEqualTo("arg");
            assertThat(response.text()).isEqualTo("{\"error\":\"not a number\"}");

            // validation failures go through exception handlers too
            TestResponse validation = client.get("/validation?page=x");
            assertThat(validation.status()).isEqualTo(400);
            assertThat(validation.text()).isEqualTo("bad: page");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerThatThrowsFallsBackToTheStandardResponse(Transport transport) {
        App app = App.builder()
                .exceptionHandler(IllegalStateException.class, (request, exception) -> {
                    throw new NotFoundException("translated");
                })
                .exceptionHandler(IOException.class, (request, exception) -> {
                    throw new IllegalArgumentException("the handler itself is broken");
                })
                .exceptionHandler(NotFoundException.class, (request, exception) -> null)
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse translated = client.get("/illegal-state");
            assertThat(translated.status()).isEqualTo(404);
            assertThat(translated.text()).isEqualTo("{\"status_code\":404,\"detail\":\"translated\"}");

            TestResponse broken = client.get("/io");
            assertThat(broken.status()).isEqualTo(500);
            assertThat(broken.text()).isEqualTo("{\"status_code\":500,\"detail\":\"Internal Server Error\"}");

            // a handler answering null declines: the standard body is sent
            TestResponse declined = client.get("/not-found");
            assertThat(declined.status()).isEqualTo(404);
            assertThat(declined.text()).isEqualTo("{\"status_code\":404,\"detail\":\"no such thing\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDecliningHandlerLeavesTheExceptionToTheNextOneThatApplies(Transport transport) {
        App app = App.builder()
                // a translator for IllegalStateException that knows only one message
                .exceptionHandler(
                        IllegalStateException.class,
                        (request, exception) -> "known".equals(exception.getMessage())
                                ? Response.of("translated").status(409)
                                : null)
                .exceptionHandler(500, labelled("status 500"))
                .exceptionHandler(RuntimeException.class, labelled("runtime"))
                .exceptionHandler(NotFoundException.class, (request, exception) -> null)
                .routeHandlers(Raising.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            // declined by the IllegalStateException handler: the status handler answers
            TestResponse declined = client.get("/illegal-state");
            assertThat(declined.status()).isEqualTo(500);
            assertThat(handledBy(declined)).isEqualTo("status 500");

            // declined with nothing left but the generic root, which answers
            TestResponse generic = client.get("/not-found");
            assertThat(handledBy(generic)).isEqualTo("runtime");
        }
    }
}

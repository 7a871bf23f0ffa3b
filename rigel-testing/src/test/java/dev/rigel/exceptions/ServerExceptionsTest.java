package dev.rigel.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The in-process TestClient re-throws exceptions the app answered with a 500, so a failing test
 * shows the real cause; {@code raiseServerExceptions(false)} returns the 500 instead. In-process
 * only: a real socket cannot carry the exception back.
 */
class ServerExceptionsTest {

    static final IllegalStateException BUG = new IllegalStateException("the real cause");

    public static class Handlers {
        @Get("/bug")
        public String bug() {
            throw BUG;
        }

        @Get("/checked")
        public String checked() throws IOException {
            throw new IOException("disk full");
        }

        @Get("/error")
        public String error() {
            throw new StackOverflowError("deep");
        }

        @Get("/not-found")
        public String notFound() {
            throw new NotFoundException("nothing here");
        }

        @Get("/internal")
        public String internal() {
            throw new InternalServerException("raised on purpose");
        }

        @Get("/handled")
        public String handled() {
            throw new UnsupportedOperationException("handled by the app");
        }

        @Get("/fine")
        public String fine() {
            return "fine";
        }
    }

    static App app(boolean debug) {
        return App.builder()
                .debug(debug)
                .exceptionHandler(
                        UnsupportedOperationException.class,
                        (request, e) -> Response.of("handled").status(501))
                .routeHandlers(Handlers.class)
                .build();
    }

    @Test
    void unhandledExceptionsAreRethrownByDefault() {
        try (TestClient client = TestClient.of(app(false))) {
            assertThatThrownBy(() -> client.get("/bug")).isSameAs(BUG);
            assertThatThrownBy(() -> client.get("/error"))
                    .isInstanceOf(StackOverflowError.class)
                    .hasMessage("deep");
            assertThatThrownBy(() -> client.get("/checked"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GET /checked")
                    .hasCauseInstanceOf(IOException.class)
                    .hasRootCauseMessage("disk full");
            // the client stays usable
            assertThat(client.get("/fine").text()).isEqualTo("fine");
        }
    }

    @Test
    void debugModeDoesNotStopTheRethrow() {
        try (TestClient client = TestClient.of(app(true))) {
            assertThatThrownBy(() -> client.get("/bug")).isSameAs(BUG);
        }
    }

    @Test
    void httpExceptionsAndHandledExceptionsAreResponsesNotFailures() {
        try (TestClient client = TestClient.of(app(false))) {
            assertThat(client.get("/not-found").status()).isEqualTo(404);
            TestResponse internal = client.get("/internal");
            assertThat(internal.status()).isEqualTo(500);
            assertThat(internal.text()).isEqualTo("{\"status_code\":500,\"detail\":\"raised on purpose\"}");
            TestResponse handled = client.get("/handled");
            assertThat(handled.status()).isEqualTo(501);
            assertThat(handled.text()).isEqualTo("handled");
        }
    }

    @Test
    void raiseServerExceptionsFalseReturnsThe500() {
        try (TestClient client = TestClient.of(app(false)).raiseServerExceptions(false)) {
            for (String path : new String[] {"/bug", "/checked", "/error"}) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(500);
                assertThat(response.text())
                        .as(path)
                        .isEqualTo("{\"status_code\":500,\"detail\":\"Internal Server Error\"}");
            }
        }
    }

    @Test
    void raiseServerExceptionsFalseInDebugModeReturnsTheTrace() {
        try (TestClient client = TestClient.of(app(true)).raiseServerExceptions(false)) {
            TestResponse response = client.get("/bug");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("java.lang.IllegalStateException: the real cause");
        }
    }
}

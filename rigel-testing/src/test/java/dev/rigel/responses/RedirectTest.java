package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.http.Response;
import dev.rigel.response.Redirect;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Redirects: status, Location, query helper, and Response<Redirect> for extra headers. */
class RedirectTest {

    public static class Handlers {
        @Get("/old")
        public Redirect old() {
            return Redirect.to("/new");
        }

        @Get("/moved")
        public Redirect moved(int status) {
            return Redirect.to("https://example.com/elsewhere").status(status);
        }

        @Post("/submit")
        public Redirect submit() {
            return Redirect.to("/search#results")
                    .query("q", "rigel & co")
                    .query("page", 2)
                    .status(303);
        }

        @Get("/wrapped")
        public Response<Redirect> wrapped() {
            return Response.of(Redirect.to("/login")).header("x-reason", "auth").cookie("next", "here");
        }
    }

    private static TestClient client(Transport transport) {
        return Clients.open(
                App.builder()
                        .routeHandlers(new Handlers())
                        .responseHeader("x-layer", "app")
                        .build(),
                transport);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void redirectsWith302ByDefault(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/old");
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("location")).isEqualTo("/new");
            assertThat(response.body()).isEmpty();
            assertThat(response.header("x-layer")).isEqualTo("app");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void takesEveryRedirectStatus(Transport transport) {
        try (TestClient client = client(transport)) {
            for (int status : new int[] {301, 302, 303, 307, 308}) {
                TestResponse response = client.get("/moved?status=" + status);
                assertThat(response.status()).isEqualTo(status);
                assertThat(response.header("location")).isEqualTo("https://example.com/elsewhere");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void postRedirectsWithQueryBeforeTheFragment(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.post("/submit", null);
            // the redirect's own status beats POST's default 201
            assertThat(response.status()).isEqualTo(303);
            assertThat(response.header("location")).isEqualTo("/search?q=rigel+%26+co&page=2#results");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void wrappedRedirectKeepsHeadersAndCookies(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/wrapped");
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("location")).isEqualTo("/login");
            assertThat(response.header("x-reason")).isEqualTo("auth");
            assertThat(response.header("set-cookie")).startsWith("next=here");
        }
    }

    @Test
    void refusesBadStatusesAndTargets() {
        assertThatThrownBy(() -> Redirect.to("/x").status(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Redirect.to("/x").status(304)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Redirect.to("/x\r\nSet-Cookie: a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Redirect.to("/x?a=1").query("b", "2").location()).isEqualTo("/x?a=1&b=2");
    }
}

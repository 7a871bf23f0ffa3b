package dev.rigel.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A method nothing in the app implements is 501 (RFC 9110 9.1), answered before any middleware:
 * issue 21 found CSRF answering one with 403, as an unsafe method without a token.
 */
class UnknownMethodTest {

    static final String NOT_IMPLEMENTED = "{\"status_code\":501,\"detail\":\"Not Implemented\"}";

    static final App APP = App.builder()
            .csrf(CSRFConfig.builder("0123456789abcdef0123456789abcdef").build())
            .routeHandlers(
                    Route.get("/items", () -> "items"),
                    // a method of the app's own is known: routed like any other
                    Route.route(Set.of("PURGE"), "/cache", () -> "purged").nonBlocking())
            .build();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownMethodIs501BeforeAnyMiddleware(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            for (String path : new String[] {"/items", "/nope"}) {
                TestResponse response = client.request("BREW", path).send();
                assertThat(response.status()).as(path).isEqualTo(501);
                assertThat(response.text()).isEqualTo(NOT_IMPLEMENTED);
            }
            // a known method the path does not answer stays 405, and CSRF still guards unsafe ones
            assertThat(client.request("DELETE", "/items").send().status()).isEqualTo(403);
            assertThat(client.request("PURGE", "/cache").send().status()).isEqualTo(403);
            assertThat(client.request("TRACE", "/items").send().status()).isEqualTo(405);
        }
    }
}

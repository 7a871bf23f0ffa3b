package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's CORS settings: https://myapp.com may use GET, POST, PUT and DELETE. */
class SeedCorsTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String FRONT_END = "https://myapp.com";

    private static TestClient open(Transport transport) {
        App app = SeedApp.create(SeedSettings.defaults());
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    private static TestResponse preflight(TestClient client, String origin, String method) {
        return client.request("OPTIONS", "/api/v1/users")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFrontEndMayPreflightTheApiWithoutAToken(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse response = preflight(client, FRONT_END, "PUT");
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("access-control-allow-origin")).isEqualTo(FRONT_END);
            assertThat(response.header("vary")).isEqualTo("Origin");
            assertThat(response.header("access-control-allow-methods")).isEqualTo("GET, POST, PUT, DELETE");
            assertThat(response.header("access-control-allow-headers")).isEqualTo("authorization, content-type");
            assertThat(response.header("access-control-max-age")).isEqualTo("600");
            assertThat(response.headers().contains("access-control-allow-credentials"))
                    .isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void otherOriginsAndMethodsAreRefused(Transport transport) {
        try (TestClient client = open(transport)) {
            Map<String, TestResponse> refusals = Map.of(
                    "Disallowed CORS Origin", preflight(client, "https://evil.com", "GET"),
                    "Disallowed CORS Method", preflight(client, FRONT_END, "PATCH"),
                    "Disallowed CORS Origin, Method", preflight(client, "http://myapp.com", "PATCH"));
            refusals.forEach((body, response) -> {
                assertThat(response.status()).as(body).isEqualTo(400);
                assertThat(response.text()).isEqualTo(body);
                assertThat(response.header("access-control-allow-origin")).isNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responsesToTheFrontEndAreReadableByIt(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse health =
                    client.request("GET", "/health").header("Origin", FRONT_END).send();
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("access-control-allow-origin")).isEqualTo(FRONT_END);
            assertThat(health.header("vary")).isEqualTo("Origin");
            // an auth failure must be readable too, or the front end cannot tell it from a network error
            TestResponse unauthorized = client.request("GET", "/api/v1/users")
                    .header("Origin", FRONT_END)
                    .send();
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.header("access-control-allow-origin")).isEqualTo(FRONT_END);
            TestResponse foreign = client.request("GET", "/health")
                    .header("Origin", "https://evil.com")
                    .send();
            assertThat(foreign.status()).isEqualTo(200);
            assertThat(foreign.header("access-control-allow-origin")).isNull();
        }
    }
}

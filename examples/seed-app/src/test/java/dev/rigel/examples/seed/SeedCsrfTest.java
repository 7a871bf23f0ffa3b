package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Request;
import dev.rigel.middleware.csrf.CSRFMiddleware;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed's CSRF setting: the bearer-token API and the benchmark endpoints are left alone, and
 * cookie-carrying browser routes are protected.
 */
class SeedCsrfTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String TOKEN = "test-token";
    private static final Map<String, String> FORBIDDEN = Map.of("detail", "CSRF token verification failed");

    private static SeedSettings settings() {
        return SeedSettings.defaults().withApiToken(TOKEN).withRateLimit("minute,100000");
    }

    private static TestClient open(App app, Transport transport) {
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    /** A browser-facing route authenticated by a cookie, protected by the seed's CSRF setting. */
    private static App cookieProtectedApp(SeedSettings settings) {
        return App.builder()
                .csrf(SeedApp.csrfConfig(settings))
                .routeHandlers(
                        Route.get(
                                "/account",
                                (Request request) ->
                                        CSRFMiddleware.token(request).orElseThrow()),
                        Route.post(
                                "/account/email",
                                (Request request) -> request.cookie("sessionid").isPresent() ? "changed" : "anonymous"))
                .build();
    }

    private static void assertForbidden(TestResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.jsonMap()).containsAllEntriesOf(FORBIDDEN);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theTokenAuthenticatedApiNeedsNoCsrfToken(Transport transport) {
        try (TestClient client = open(SeedApp.create(settings()), transport)) {
            client.defaultHeader("Authorization", "Bearer " + TOKEN);
            TestResponse created = client.post(
                    "/api/v1/users",
                    Map.of("name", "Ada", "email", "ada@example.com", "password", "correct horse battery"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long id = ((Number) created.jsonMap().get("id")).longValue();
            assertThat(client.patch("/api/v1/users/" + id, Map.of("name", "Ada L."))
                            .status())
                    .isEqualTo(200);
            assertThat(client.delete("/api/v1/users/" + id).status()).isEqualTo(204);
            assertThat(client.cookies()).doesNotContainKey("csrftoken");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void benchmarkEndpointsSetNoCookieButOtherPagesHandOutTheToken(Transport transport) {
        try (TestClient client = open(SeedApp.create(settings()), transport)) {
            assertThat(client.get("/plaintext").header("set-cookie")).isNull();
            assertThat(client.get("/json").header("set-cookie")).isNull();
            assertThat(client.get("/health").header("set-cookie")).startsWith("csrftoken=");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unsafeRequestsOutsideTheApiAreChecked(Transport transport) {
        try (TestClient client = open(SeedApp.create(settings()), transport)) {
            assertForbidden(client.post("/health", null));
            client.get("/health");
            String token = client.cookies().get("csrftoken");
            // with the token, the request gets past CSRF to routing, which knows /health only for GET
            assertThat(client.request("POST", "/health")
                            .header("x-csrftoken", token)
                            .send()
                            .status())
                    .isEqualTo(405);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCookieAuthenticatedRouteIsProtected(Transport transport) {
        try (TestClient client = open(cookieProtectedApp(settings()), transport)) {
            client.cookie("sessionid", "logged-in");
            // a cross-site form post carries the browser's cookies but cannot read or send the token
            assertForbidden(client.request("POST", "/account/email")
                    .body(
                            "email=evil%40example.com".getBytes(StandardCharsets.UTF_8),
                            "application/x-www-form-urlencoded")
                    .send());
            String token = client.get("/account").text();
            TestResponse viaHeader = client.request("POST", "/account/email")
                    .header("x-csrftoken", token)
                    .send();
            assertThat(viaHeader.status()).isEqualTo(201);
            assertThat(viaHeader.text()).isEqualTo("changed");
            TestResponse viaForm = client.request("POST", "/account/email")
                    .body(
                            ("email=ada%40example.com&_csrf_token=" + token).getBytes(StandardCharsets.UTF_8),
                            "application/x-www-form-urlencoded")
                    .send();
            assertThat(viaForm.status()).isEqualTo(201);
        }
    }

    @Test
    void tokensFromAnotherSecretAreRefused() {
        String foreign;
        try (TestClient other = open(cookieProtectedApp(settings()), Transport.IN_PROCESS)) {
            foreign = other.get("/account").text();
        }
        SeedSettings production = SeedSettings.load(new String[] {"--csrf-secret", "a-production-secret"}, Map.of());
        assertThat(production.csrfSecret()).isEqualTo("a-production-secret");
        try (TestClient client = open(cookieProtectedApp(production), Transport.IN_PROCESS)) {
            client.cookie("csrftoken", foreign);
            assertForbidden(client.request("POST", "/account/email")
                    .header("x-csrftoken", foreign)
                    .send());
        }
    }

    @Test
    void theSecretComesFromTheEnvironmentOrAFlag() {
        assertThat(SeedSettings.load(new String[0], Map.of()).csrfSecret()).isEqualTo(SeedSettings.DEFAULT_CSRF_SECRET);
        assertThat(SeedSettings.load(new String[0], Map.of("CSRF_SECRET", "from-env"))
                        .csrfSecret())
                .isEqualTo("from-env");
        assertThat(SeedSettings.load(new String[] {"--csrf-secret=from-flag"}, Map.of("CSRF_SECRET", "from-env"))
                        .csrfSecret())
                .isEqualTo("from-flag");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SeedSettings.load(new String[] {"--csrf-secret", " "}, Map.of()))
                .hasMessage("Invalid setting csrf-secret = ***** (from flag --csrf-secret): must not be blank");
    }
}

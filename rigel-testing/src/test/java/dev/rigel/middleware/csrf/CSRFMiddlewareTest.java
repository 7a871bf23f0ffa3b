package dev.rigel.middleware.csrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.http.Request;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CSRF middleware through the test client and a real server. */
class CSRFMiddlewareTest {

    static final String SECRET = "csrf-test-secret-0123456789";

    public static class Handlers {
        @Get("/form")
        public String form(Request request) {
            return CSRFMiddleware.token(request).orElse("none");
        }

        @Get("/state")
        public String state(Request request) {
            return String.valueOf(request.state().get(CSRFMiddleware.STATE_KEY));
        }

        @Post("/submit")
        public String submit() {
            return "accepted";
        }

        @Post("/echo")
        public String echo(String data) {
            return data;
        }

        @Post(value = "/webhook", opt = "no_csrf")
        public String webhook() {
            return "hooked";
        }

        @Post("/public/ping")
        public String ping() {
            return "pong";
        }
    }

    static App app() {
        return App.builder()
                .csrf(CSRFConfig.builder(SECRET)
                        .exclude("^/public/")
                        .excludeFromCsrfKey("no_csrf")
                        .build())
                .routeHandlers(Handlers.class)
                .build();
    }

    /** A GET hands out the token; returns it (from the body, which the handler read from the request). */
    static String fetchToken(TestClient client) {
        TestResponse response = client.get("/form");
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    static void assertRefused(TestResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.jsonMap())
                .isEqualTo(Map.of("status_code", 403, "detail", "CSRF token verification failed"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSafeRequestWithoutTheCookieGetsAFreshSignedToken(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse first = client.get("/form");
            String token = first.text();
            assertThat(token).matches("[0-9a-f]{128}");
            assertThat(new CsrfTokens(SECRET).isValid(token)).isTrue();
            assertThat(first.headers().getAll("set-cookie"))
                    .containsExactly("csrftoken=" + token + "; Path=/; SameSite=Lax");
            assertThat(client.cookies()).containsEntry("csrftoken", token);

            TestResponse second = client.get("/state");
            assertThat(second.text()).isEqualTo(token);
            assertThat(second.header("set-cookie")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cookieSettingsShapeTheCookie(Transport transport) {
        App app = App.builder()
                .csrf(CSRFConfig.builder(SECRET)
                        .cookieName("xsrf")
                        .cookiePath("/app")
                        .cookieDomain("example.com")
                        .cookieSecure(true)
                        .cookieHttpOnly(true)
                        .cookieSameSite(dev.rigel.http.Cookie.SameSite.STRICT)
                        .build())
                .routeHandlers(Handlers.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/form");
            assertThat(response.header("set-cookie"))
                    .isEqualTo("xsrf=" + response.text()
                            + "; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnsafeRequestWithTheTokenInTheHeaderPasses(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String token = fetchToken(client);
            TestResponse response = client.request("POST", "/submit")
                    .header("x-csrftoken", token)
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("accepted");
            assertThat(client.request("DELETE", "/submit")
                            .header("X-CSRFToken", token)
                            .send()
                            .status())
                    .as("header names are case-insensitive; DELETE is checked (and passes) before routing's 405")
                    .isEqualTo(405);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unsafeRequestsWithoutAMatchingTokenAreRefused(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertRefused(client.post("/submit", null));
            String token = fetchToken(client);
            assertRefused(client.post("/submit", null)); // cookie but no header
            assertRefused(
                    client.request("PATCH", "/submit").header("x-other", token).send());
            assertRefused(client.request("POST", "/submit")
                    .header("x-csrftoken", new CsrfTokens(SECRET).generate())
                    .send()); // validly signed, but not this client's
            assertRefused(client.request("POST", "/nowhere").send()); // unmatched routes too
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aForgedCookieIsRefusedEvenWhenTheHeaderMatchesIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String forged = "ab".repeat(64);
            client.cookie("csrftoken", forged);
            assertRefused(client.request("POST", "/submit")
                    .header("x-csrftoken", forged)
                    .send());
            String foreign = new CsrfTokens("some-other-apps-secret").generate();
            client.cookie("csrftoken", foreign);
            assertRefused(client.request("POST", "/submit")
                    .header("x-csrftoken", foreign)
                    .send());
            // a safe request replaces the cookie we did not sign
            TestResponse response = client.get("/form");
            assertThat(response.text()).isNotEqualTo(foreign);
            assertThat(client.cookies()).containsEntry("csrftoken", response.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void garbageTokensAreRefusedNeverAServerError(Transport transport) {
        List<String> garbage = List.of(
                "x",
                "0",
                "%00%ff",
                "zz".repeat(64),
                "A".repeat(128),
                "a".repeat(127),
                "a".repeat(129),
                "a".repeat(3000),
                "'; DROP TABLE users; --",
                "=====",
                "\\\\\\");
        try (TestClient client = Clients.open(app(), transport)) {
            String token = fetchToken(client);
            for (String value : garbage) {
                assertRefused(client.request("POST", "/submit")
                        .header("x-csrftoken", value)
                        .send());
            }
            for (String value : garbage) {
                String cookieSafe = value.replace(";", "").replace("\\", "");
                assertRefused(client.request("POST", "/submit")
                        .header("cookie", "csrftoken=" + cookieSafe)
                        .header("x-csrftoken", cookieSafe)
                        .send());
                assertRefused(client.request("POST", "/submit")
                        .header("cookie", "csrftoken=" + cookieSafe)
                        .header("x-csrftoken", token)
                        .send());
            }
            // a well-formed token still works after all that
            assertThat(client.request("POST", "/submit")
                            .header("x-csrftoken", token)
                            .send()
                            .status())
                    .isEqualTo(201);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFormFieldCarriesTheTokenAndTheHandlerStillGetsTheWholeBody(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String token = fetchToken(client);
            String form = "name=Ada+Lovelace&_csrf_token=" + token + "&note=caf%C3%A9";
            TestResponse response = client.request("POST", "/echo")
                    .body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded; charset=UTF-8")
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo(form);

            String large = "_csrf_token=" + token + "&blob=" + "x".repeat(200_000);
            TestResponse big = client.request("POST", "/echo")
                    .body(large.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
                    .send();
            assertThat(big.status()).isEqualTo(201);
            assertThat(big.text()).isEqualTo(large);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badFormsAreRefused(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String token = fetchToken(client);
            List<String> forms = List.of(
                    "",
                    "_csrf_token=",
                    "_csrf_token=%zz",
                    "_csrf_token",
                    "%%%&&&===",
                    "_csrf_token=" + token.substring(2),
                    "other=" + token);
            for (String form : forms) {
                assertRefused(client.request("POST", "/echo")
                        .body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
                        .send());
            }
            // the form field is only read from form bodies
            assertRefused(client.request("POST", "/echo")
                    .body(("_csrf_token=" + token).getBytes(StandardCharsets.UTF_8), "text/plain")
                    .send());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void excludedPathsAndOptedOutRoutesAreNotChecked(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.post("/public/ping", null).status()).isEqualTo(201);
            assertThat(client.post("/webhook", null).status()).isEqualTo(201);
            assertThat(client.cookies()).doesNotContainKey("csrftoken");
        }
    }

    @Test
    void webSocketHandshakesAreNotChecked() throws Exception {
        App app = app();
        List<Message> sent = new ArrayList<>();
        app.call(Scope.websocket("/submit").build(), () -> Message.Disconnect.INSTANCE, sent::add);
        // the app itself refuses WebSockets it has no route for; the point is that CSRF did not answer 403
        assertThat(sent.getFirst())
                .isInstanceOfSatisfying(
                        Message.ResponseStart.class,
                        start -> assertThat(start.status()).isEqualTo(404));
    }

    @Test
    void configurationIsCheckedWhenItIsMade() {
        assertThatThrownBy(() -> CSRFConfig.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> CSRFConfig.builder(SECRET).cookieName("bad name").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CSRFConfig.builder(SECRET).exclude("(").build())
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
        CSRFConfig config =
                CSRFConfig.builder(SECRET).safeMethods("get", "head").build();
        assertThat(config.safeMethods()).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(CSRFConfig.of(SECRET).safeMethods()).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "TRACE");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void customSafeMethodsAndHeaderName(Transport transport) {
        App app = App.builder()
                .csrf(CSRFConfig.builder(SECRET)
                        .headerName("x-xsrf-token")
                        .safeMethods("GET")
                        .build())
                .routeHandlers(Handlers.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            String token = fetchToken(client);
            assertRefused(client.request("POST", "/submit")
                    .header("x-csrftoken", token)
                    .send());
            assertThat(client.request("POST", "/submit")
                            .header("x-xsrf-token", token)
                            .send()
                            .status())
                    .isEqualTo(201);
            // OPTIONS is no longer safe here, so it is checked too
            assertRefused(client.options("/submit"));
        }
    }
}

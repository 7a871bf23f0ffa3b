package dev.rigel.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.WebSocketRoute;
import dev.rigel.protocol.Headers;
import dev.rigel.security.SecretString;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import dev.rigel.websocket.WebSocketConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JWT authentication through the whole stack, in-process and over the real server. */
class JwtAuthenticationTest {

    record Login(String name) {}

    private static final SecretString SECRET = SecretString.of("a-test-secret-of-at-least-32-bytes!!");
    private static final TokenEncoder ENCODER =
            TokenEncoder.hmac(JwtAlgorithm.HS256, SECRET).build();
    private static final TokenVerifier VERIFIER = TokenVerifier.builder()
            .algorithms(JwtAlgorithm.HS256)
            .keys(VerificationKey.hmac(JwtAlgorithm.HS256, SECRET))
            .anyIssuer()
            .anyAudience()
            .build();

    private static JwtAuthentication bearer() {
        JwtAuthentication jwt = JwtAuthentication.bearer(VERIFIER)
                .issuer(ENCODER, Duration.ofMinutes(15))
                .user((token, connection) -> "ghost".equals(token.subject().orElse(null))
                        ? null
                        : token.subject().orElse(null))
                .webSocketQueryParameter("token")
                .build();
        jwt.exclude("^/login$");
        return jwt;
    }

    private static App app(JwtAuthentication jwt) {
        return App.builder()
                .middleware(jwt)
                .routeHandlers(
                        Route.post(
                                "/login",
                                (Login data) -> jwt.login(
                                        Token.builder().subject(data.name()).build())),
                        Route.get(
                                "/me",
                                (String user, Token auth) ->
                                        user + " " + auth.subject().orElseThrow()),
                        WebSocketRoute.handler("/ws", (WebSocketConnection socket, String user) -> {
                            socket.accept();
                            socket.sendText("hi " + user);
                        }))
                .build();
    }

    private static String token(String subject) {
        return ENCODER.encode(Token.builder()
                .subject(subject)
                .expiresAt(Instant.now().plusSeconds(600))
                .build());
    }

    private static TestResponse get(TestClient client, String path, String... headers) {
        var request = client.request("GET", path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    private static void assertRefused(TestResponse response, String description) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate"))
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
        assertThat(response.text()).startsWith("{\"status_code\":401,\"detail\":\"");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aValidBearerTokenAuthenticates(Transport transport) {
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            TestResponse response = get(client, "/me", "authorization", "Bearer " + token("ann"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("ann ann");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void noTokenIsAChallengeWithoutAnError(Transport transport) {
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            TestResponse response = get(client, "/me");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
            assertThat(response.text()).isEqualTo("{\"status_code\":401,\"detail\":\"No token in the request\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedAuthorizationHeadersSayWhatIsWrong(Transport transport) {
        String good = token("ann");
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            assertRefused(get(client, "/me", "authorization", ""), "the Authorization header is empty");
            assertRefused(get(client, "/me", "authorization", "Bearer"), "no token after Bearer");
            assertRefused(get(client, "/me", "authorization", "Bearer "), "no token after Bearer");
            assertRefused(get(client, "/me", "authorization", "bearer " + good), "write the scheme as Bearer");
            assertRefused(get(client, "/me", "authorization", "BEARER " + good), "write the scheme as Bearer");
            assertRefused(get(client, "/me", "authorization", "Basic YTpi"), "the Authorization scheme is not Bearer");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer " + good + " " + good),
                    "one token after Bearer, without spaces");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer  " + good), "one token after Bearer, without spaces");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badTokensAreRefusedWithTheVerifiersReason(Transport transport) {
        String good = token("ann");
        String[] parts = good.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String noneHeader = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String otherPayload = b64.encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8));
        String expired = ENCODER.encode(Token.builder()
                .subject("ann")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .build());
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            assertRefused(get(client, "/me", "authorization", "Bearer " + expired), "token expired");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer " + noneHeader + "." + parts[1] + "."),
                    "signing algorithm not allowed");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer " + parts[0] + "." + otherPayload + "." + parts[2]),
                    "invalid signature");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer " + good.substring(0, good.length() - 10)),
                    "malformed token");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer " + parts[0] + "." + parts[1]), "malformed token");
            assertRefused(get(client, "/me", "authorization", "Bearer " + "a".repeat(10_000)), "token too long");
            assertRefused(
                    get(client, "/me", "authorization", "Bearer " + token("ghost")), "the token's user does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStaticTokenForScriptsAuthenticatesAsItsUser(Transport transport) {
        JwtAuthentication jwt = JwtAuthentication.bearer(VERIFIER)
                .staticToken(SecretString.of("script-token-123"), "admin")
                .build();
        App app = App.builder()
                .middleware(jwt)
                .routeHandlers(Route.get("/me", (String user) -> user))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(get(client, "/me", "authorization", "Bearer script-token-123")
                            .text())
                    .isEqualTo("admin");
            assertThat(get(client, "/me", "authorization", "Bearer " + token("ann"))
                            .text())
                    .isEqualTo("ann");
            assertRefused(get(client, "/me", "authorization", "Bearer script-token-12"), "malformed token");
        }
    }

    record Account(String name, boolean active) {}

    record Accounts(Map<String, Account> byName) {}

    /** The user-loading hook with the app's dependencies: a dependency named user that takes the token. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAppLoadsItsUserWithItsOwnDependencies(Transport transport) {
        App app = App.builder()
                .middleware(JwtAuthentication.bearer(VERIFIER).build())
                .dependency(
                        "accounts", dev.rigel.di.Provide.value(new Accounts(Map.of("ann", new Account("Ann", true)))))
                .dependency(
                        "user",
                        dev.rigel.di.Provide.of((Token auth, Accounts accounts) ->
                                accounts.byName().get(auth.subject().orElseThrow())))
                .routeHandlers(Route.get(
                        "/me",
                        (Account user, Token auth) ->
                                user.name() + " via " + auth.subject().orElseThrow()))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(get(client, "/me", "authorization", "Bearer " + token("ann"))
                            .text())
                    .isEqualTo("Ann via ann");
        }
    }

    @org.junit.jupiter.api.Test
    void eachKindDeclaresItsOpenApiSecurityScheme() {
        assertThat(JwtAuthentication.bearer(VERIFIER).build().securitySchemes())
                .containsExactly(dev.rigel.http.SecurityScheme.bearer("jwt", "JWT"));
        assertThat(JwtAuthentication.cookie(VERIFIER, "token").build().securitySchemes())
                .containsExactly(
                        dev.rigel.http.SecurityScheme.bearer("jwt", "JWT"),
                        dev.rigel.http.SecurityScheme.apiKey("jwtCookie", "cookie", "token"));
        List<dev.rigel.http.SecurityScheme> oauth2 = JwtAuthentication.oauth2PasswordBearer(VERIFIER, "/login")
                .build()
                .securitySchemes();
        assertThat(oauth2).containsExactly(dev.rigel.http.SecurityScheme.oauth2Password("oauth2", "/login"));
        assertThat(oauth2.getFirst().definition())
                .containsEntry("type", "oauth2")
                .containsEntry("flows", Map.of("password", Map.of("tokenUrl", "/login", "scopes", Map.of())));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theLoginCookiesAttributesAreTheAppsToSet(Transport transport) {
        JwtAuthentication jwt = JwtAuthentication.cookie(VERIFIER, "token")
                .issuer(ENCODER, Duration.ofMinutes(5))
                .cookieAttributes(dev.rigel.http.Cookie.of("token", "")
                        .withSameSite(dev.rigel.http.Cookie.SameSite.STRICT)
                        .withSecure(true)
                        .withHttpOnly(true)
                        .withPath("/api"))
                .build();
        jwt.exclude("^/login$");
        try (TestClient client = Clients.open(app(jwt), transport)) {
            String cookie = client.request("POST", "/login")
                    .json(new Login("dan"))
                    .send()
                    .headers()
                    .getAll("set-cookie")
                    .getFirst();
            assertThat(cookie)
                    .contains("SameSite=Strict")
                    .contains("Path=/api")
                    .contains("HttpOnly")
                    .contains("Secure");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void loginAnswersWithTheStandardTokenResponse(Transport transport) {
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            TestResponse login =
                    client.request("POST", "/login").json(new Login("bob")).send();
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.header("cache-control")).isEqualTo("no-store");
            Map<?, ?> body = login.json(Map.class);
            assertThat(body.get("token_type")).isEqualTo("Bearer");
            assertThat(body.get("expires_in")).isEqualTo(900);
            String issued = (String) body.get("access_token");
            assertThat(get(client, "/me", "authorization", "Bearer " + issued).text())
                    .isEqualTo("bob bob");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cookieAuthenticationSetsAndReadsAnHttpOnlyCookie(Transport transport) {
        JwtAuthentication jwt = JwtAuthentication.cookie(VERIFIER, "token")
                .issuer(ENCODER, Duration.ofMinutes(5))
                .build();
        jwt.exclude("^/login$");
        try (TestClient client = Clients.open(app(jwt), transport)) {
            TestResponse login =
                    client.request("POST", "/login").json(new Login("carl")).send();
            String cookie = login.headers().getAll("set-cookie").getFirst();
            assertThat(cookie)
                    .startsWith("token=")
                    .contains("HttpOnly")
                    .contains("Secure")
                    .contains("SameSite=Lax")
                    .contains("Max-Age=300");
            String value = cookie.substring("token=".length(), cookie.indexOf(';'));
            assertThat(get(client, "/me", "cookie", "token=" + value).text()).isEqualTo("carl carl");
            // the header, when present, is the one that counts
            assertRefused(
                    get(client, "/me", "cookie", "token=" + value, "authorization", "Bearer x.y.z"), "malformed token");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketHandshakeMayCarryTheTokenInTheQuery(Transport transport) {
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/ws?token=" + token("dora"))) {
                assertThat(socket.receiveText()).isEqualTo("hi dora");
            }
            try (WebSocketTestSession socket =
                    client.websocketConnect("/ws", Headers.of("authorization", "Bearer " + token("eve")))) {
                assertThat(socket.receiveText()).isEqualTo("hi eve");
            }
            assertThatThrownBy(() -> client.websocketConnect("/ws?token=nope"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
        }
        // plain HTTP requests do not read the query
        try (TestClient client = Clients.open(app(bearer()), transport)) {
            assertThat(get(client, "/me?token=" + token("dora")).status()).isEqualTo(401);
        }
    }
}

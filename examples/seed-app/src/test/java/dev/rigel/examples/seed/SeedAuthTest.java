package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.Headers;
import dev.rigel.security.SecretString;
import dev.rigel.security.jwt.JwtAlgorithm;
import dev.rigel.security.jwt.Token;
import dev.rigel.security.jwt.TokenEncoder;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed's logins and who may do what: JWTs from {@code POST /api/v1/auth/login}, the static
 * token as the admin, orders only for their owner, admin-only notifications, private channels.
 */
class SeedAuthTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String ADMIN_TOKEN = "test-token";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestClient open(Transport transport) {
        App app =
                SeedApp.create(SeedSettings.defaults().withApiToken(ADMIN_TOKEN).withRateLimit("minute,100000"));
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    private static TestResponse login(TestClient client, String email, String password) {
        return client.request("POST", "/api/v1/auth/login")
                .json(Map.of("email", email, "password", password))
                .send();
    }

    private static String tokenOf(TestClient client, String email, String password) {
        TestResponse response = login(client, email, password);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return (String) response.jsonMap().get("access_token");
    }

    private static TestResponse as(TestClient client, String token, String method, String path, Object json) {
        var request = client.request(method, path).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.json(json);
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLoginGivesAnAccessTokenThatNamesTheUser(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse response = login(client, "ada@example.com", "analytical-engine");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("cache-control")).isEqualTo("no-store");
            Map<String, Object> body = response.jsonMap();
            assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 1800);
            String token = (String) body.get("access_token");

            Map<String, Object> me =
                    as(client, token, "GET", "/api/v1/auth/me", null).jsonMap();
            assertThat(me)
                    .containsEntry("name", "Ada Lovelace")
                    .containsEntry("email", "ada@example.com")
                    .containsEntry("admin", false);
            // the rest of the API takes it too
            assertThat(as(client, token, "GET", "/api/v1/users/" + me.get("id"), null)
                            .status())
                    .isEqualTo(200);
            // and the static token still works, as the admin (scripts, the README's curl lines)
            assertThat(as(client, ADMIN_TOKEN, "GET", "/api/v1/auth/me", null).jsonMap())
                    .containsEntry("name", "admin")
                    .containsEntry("admin", true);
        }
    }

    @Test
    void withRs256TheTokensAreSignedWithAKeyPair() {
        App app = SeedApp.create(SeedSettings.defaults()
                .withApiToken(ADMIN_TOKEN)
                .withRateLimit("minute,100000")
                .withJwtAlgorithm("RS256"));
        try (TestClient client = TestClient.of(app)) {
            String token = tokenOf(client, "grace@example.com", "compiler-first");
            String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
            assertThat(header).contains("\"alg\":\"RS256\"");
            assertThat(as(client, token, "GET", "/api/v1/auth/me", null).jsonMap())
                    .containsEntry("name", "Grace Hopper");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongEmailAndAWrongPasswordGetTheSameAnswer(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse wrongPassword = login(client, "ada@example.com", "difference-engine");
            TestResponse wrongEmail = login(client, "nobody@example.com", "analytical-engine");
            for (TestResponse response : List.of(wrongPassword, wrongEmail)) {
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.text()).isEqualTo("{\"status_code\":401,\"detail\":\"Invalid email or password\"}");
            }
            assertThat(login(client, "ada@example.com", "").status()).isEqualTo(400);
        }
    }

    @Test
    void loginsHaveAStricterLimitOfTheirOwnOnTopOfTheAppsLimit() throws InterruptedException {
        try (TestClient client = open(Transport.IN_PROCESS)) {
            TestResponse first = login(client, "ada@example.com", "wrong");
            long reset = Long.parseLong(first.header("RateLimit-Reset"));
            if (reset < 15) { // not enough of this minute left for the test: start in the next one
                Thread.sleep(reset * 1000 + 100);
                first = login(client, "ada@example.com", "wrong");
            }
            assertThat(first.header("RateLimit-Policy")).isEqualTo("20; w=60, 100000; w=60");
            assertThat(first.header("RateLimit-Limit")).isEqualTo("20");
            int allowed = 20 - Integer.parseInt(first.header("RateLimit-Remaining"));
            for (int i = allowed; i < 20; i++) {
                assertThat(login(client, "ada@example.com", "wrong").status()).isEqualTo(401);
            }
            TestResponse refused = login(client, "ada@example.com", "analytical-engine");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
            // other routes still answer: only logins are held back
            assertThat(as(client, ADMIN_TOKEN, "GET", "/api/v1/users/1", null).status())
                    .isEqualTo(200);
        }
    }

    /**
     * An unknown email costs the same password hashing as a known one; without it, it would answer
     * in well under a millisecond against hundreds. Coarse on purpose: the point is that the work
     * happens, not a benchmark.
     */
    @Test
    void anUnknownEmailTakesAsLongAsAWrongPassword() {
        try (TestClient client = open(Transport.IN_PROCESS)) {
            login(client, "ada@example.com", "warm-up");
            login(client, "nobody@example.com", "warm-up");
            List<Long> known = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                known.add(timed(() -> login(client, "ada@example.com", "wrong")));
                unknown.add(timed(() -> login(client, "nobody@example.com", "wrong")));
            }
            assertThat((double) median(unknown)).isGreaterThan(median(known) * 0.5);
        }
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUserSeesAndChangesOnlyTheirOwnOrders(Transport transport) {
        try (TestClient client = open(transport)) {
            String ada = tokenOf(client, "ada@example.com", "analytical-engine");
            String alan = tokenOf(client, "alan@example.com", "enigma-machine");
            Number adaId = (Number)
                    as(client, ada, "GET", "/api/v1/auth/me", null).jsonMap().get("id");
            Number alanId = (Number)
                    as(client, alan, "GET", "/api/v1/auth/me", null).jsonMap().get("id");

            TestResponse placed = as(
                    client,
                    ada,
                    "POST",
                    "/api/v1/orders",
                    Map.of("user_id", adaId, "item", "Notes on the engine", "quantity", 1, "total", "9.50"));
            assertThat(placed.status()).isEqualTo(201);
            Object orderId = placed.jsonMap().get("id");

            assertThat(as(client, ada, "GET", "/api/v1/orders/" + orderId, null).status())
                    .isEqualTo(200);
            TestResponse notHis = as(client, alan, "GET", "/api/v1/orders/" + orderId, null);
            assertThat(notHis.status()).isEqualTo(403);
            assertThat(notHis.text()).contains("This order belongs to another user");
            assertThat(as(client, alan, "PATCH", "/api/v1/orders/" + orderId, Map.of("quantity", 5))
                            .status())
                    .isEqualTo(403);
            assertThat(as(
                                    client,
                                    alan,
                                    "POST",
                                    "/api/v1/orders",
                                    Map.of("user_id", adaId, "item", "x", "quantity", 1, "total", "1.00"))
                            .status())
                    .isEqualTo(403);

            List<?> alansOrders =
                    as(client, alan, "GET", "/api/v1/orders", null).json(List.class);
            assertThat(alansOrders)
                    .allSatisfy(order ->
                            assertThat(((Map<?, ?>) order).get("user_id")).isEqualTo(alanId.intValue()));
            List<?> adasOrders = as(client, ada, "GET", "/api/v1/orders", null).json(List.class);
            assertThat(adasOrders)
                    .isNotEmpty()
                    .allSatisfy(order ->
                            assertThat(((Map<?, ?>) order).get("user_id")).isEqualTo(adaId.intValue()));
            // the admin reads all of them
            List<?> all = as(client, ADMIN_TOKEN, "GET", "/api/v1/orders", null).json(List.class);
            assertThat(all.size()).isGreaterThanOrEqualTo(adasOrders.size() + alansOrders.size());
            assertThat(as(client, ADMIN_TOKEN, "GET", "/api/v1/orders/" + orderId, null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUserSeesAndChangesOnlyTheirOwnAccount(Transport transport) {
        try (TestClient client = open(transport)) {
            String alan = tokenOf(client, "alan@example.com", "enigma-machine");
            Number alanId = (Number)
                    as(client, alan, "GET", "/api/v1/auth/me", null).jsonMap().get("id");
            Number adaId = (Number)
                    as(client, tokenOf(client, "ada@example.com", "analytical-engine"), "GET", "/api/v1/auth/me", null)
                            .jsonMap()
                            .get("id");
            assertThat(as(client, alan, "GET", "/api/v1/users/" + alanId, null).status())
                    .isEqualTo(200);
            assertThat(as(client, alan, "PATCH", "/api/v1/users/" + alanId, Map.of("name", "Alan M. Turing"))
                            .jsonMap())
                    .containsEntry("name", "Alan M. Turing");
            TestResponse someoneElse = as(client, alan, "GET", "/api/v1/users/" + adaId, null);
            assertThat(someoneElse.status()).isEqualTo(403);
            assertThat(someoneElse.text()).contains("only your own account");
            assertThat(as(client, alan, "PATCH", "/api/v1/users/" + adaId, Map.of("name", "x"))
                            .status())
                    .isEqualTo(403);
            assertThat(as(client, alan, "GET", "/api/v1/users", null).status()).isEqualTo(403);
            assertThat(as(client, alan, "DELETE", "/api/v1/users/" + adaId, null)
                            .status())
                    .isEqualTo(403);
            assertThat(as(
                                    client,
                                    alan,
                                    "POST",
                                    "/api/v1/users",
                                    Map.of("name", "Eve", "email", "eve@example.com", "password", "longenough1"))
                            .status())
                    .isEqualTo(403);
            // the admin does all of it
            assertThat(as(client, ADMIN_TOKEN, "GET", "/api/v1/users", null).status())
                    .isEqualTo(200);
            assertThat(as(client, ADMIN_TOKEN, "GET", "/api/v1/users/" + adaId, null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlyTheAdminPostsNotifications(Transport transport) {
        try (TestClient client = open(transport)) {
            String alan = tokenOf(client, "alan@example.com", "enigma-machine");
            Map<String, Object> note = Map.of("user_id", 1, "message", "hello");
            assertThat(as(client, alan, "POST", "/api/v1/notifications", note).status())
                    .isEqualTo(403);
            assertThat(as(client, ADMIN_TOKEN, "POST", "/api/v1/notifications", note)
                            .status())
                    .isEqualTo(201);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUsersChannelAdmitsOnlyThatUserOrTheAdmin(Transport transport) {
        try (TestClient client = open(transport)) {
            String ada = tokenOf(client, "ada@example.com", "analytical-engine");
            String alan = tokenOf(client, "alan@example.com", "enigma-machine");
            Number adaId = (Number)
                    as(client, ada, "GET", "/api/v1/auth/me", null).jsonMap().get("id");
            String channel = "/ws/user:" + adaId;

            assertThatThrownBy(() -> client.websocketConnect(channel))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(() -> client.websocketConnect(channel + "?token=" + alan))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> client.websocketConnect(channel + "?token=not-a-token"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            try (WebSocketTestSession mine = client.websocketConnect(channel + "?token=" + ada);
                    WebSocketTestSession admins =
                            client.websocketConnect(channel, Headers.of("authorization", "Bearer " + ADMIN_TOKEN))) {
                as(client, ADMIN_TOKEN, "POST", "/api/v1/notifications", Map.of("user_id", adaId, "message", "hi"));
                assertThat(mine.receiveText(WAIT)).contains("\"message\":\"hi\"");
                assertThat(admins.receiveText(WAIT)).contains("\"message\":\"hi\"");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void forgedExpiredAndForeignTokensAreRefused(Transport transport) {
        TokenEncoder ours = TokenEncoder.hmac(JwtAlgorithm.HS256, SecretString.of(SeedSettings.DEFAULT_JWT_SECRET))
                .issuer(SeedAuth.ISSUER)
                .audience(SeedAuth.AUDIENCE)
                .build();
        TokenEncoder someoneElses = TokenEncoder.hmac(
                        JwtAlgorithm.HS256, SecretString.of("another-secret-that-is-32-bytes-or-more"))
                .issuer(SeedAuth.ISSUER)
                .audience(SeedAuth.AUDIENCE)
                .build();
        String expired = ours.encode(Token.builder()
                .subject("1")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .build());
        String forged = someoneElses.encode(Token.builder()
                .subject("1")
                .expiresAt(Instant.now().plusSeconds(600))
                .build());
        String wrongAudience = TokenEncoder.hmac(JwtAlgorithm.HS256, SecretString.of(SeedSettings.DEFAULT_JWT_SECRET))
                .issuer(SeedAuth.ISSUER)
                .audience("another-api")
                .build()
                .encode(Token.builder()
                        .subject("1")
                        .expiresAt(Instant.now().plusSeconds(600))
                        .build());
        try (TestClient client = open(transport)) {
            Map<String, String> expected = Map.of(
                    expired, "token expired",
                    forged, "invalid signature",
                    wrongAudience, "wrong audience");
            expected.forEach((token, description) -> {
                TestResponse response = as(client, token, "GET", "/api/v1/auth/me", null);
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.header("www-authenticate"))
                        .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
            });
        }
    }
}

package dev.rigel.security.jwt;

import static dev.rigel.security.jwt.JwksServer.jwk;
import static dev.rigel.security.jwt.JwksServer.jwks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Param;
import dev.rigel.redis.PrivateRedis;
import dev.rigel.redis.RedisStore;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a client sees: a refused token is a 401 with the RFC 6750 challenge and a fixed detail; a
 * revocation store or a key provider that is down is a 503 with {@code Retry-After}, not a 401 and
 * not a 500. The handler stands in for the authentication middleware the app layer will add.
 */
class VerifierInAnAppTest {

    /** The handler: takes the bearer token from the header and verifies it. */
    public static final class Me {
        private final TokenVerifier verifier;

        Me(TokenVerifier verifier) {
            this.verifier = verifier;
        }

        public Map<String, String> me(@Param(header = "authorization") String authorization) {
            Token token = verifier.verify(authorization.substring("Bearer ".length()));
            return Map.of("sub", token.subject().orElseThrow());
        }
    }

    static App app(TokenVerifier verifier) {
        return App.builder()
                .routeHandlers(Route.get("/me", new Me(verifier)::me))
                .build();
    }

    @Test
    void aRefusedTokenIsA401WithAChallenge() throws Exception {
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .lifetime(Duration.ofMinutes(5))
                .build();
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32))
                .anyIssuer()
                .anyAudience()
                .realm("api")
                .build();
        try (TestClient client = TestClient.of(app(verifier))) {
            String good = encoder.encode(Token.builder().subject("42").build());
            assertThat(client.request("GET", "/me")
                            .header("Authorization", "Bearer " + good)
                            .send()
                            .jsonMap())
                    .containsEntry("sub", "42");
            String expired = encoder.encode(Token.builder()
                    .subject("42")
                    .expiresAt(Instant.now().minusSeconds(600))
                    .build());
            TestResponse refused = client.request("GET", "/me")
                    .header("Authorization", "Bearer " + expired)
                    .send();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate"))
                    .isEqualTo("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"token expired\"");
            assertThat(refused.jsonMap()).containsEntry("status_code", 401).containsEntry("detail", "Token expired");
            assertThat(refused.text()).doesNotContain(expired.split("\\.")[1]);
            TestResponse garbage = client.request("GET", "/me")
                    .header("Authorization", "Bearer {\"alg\":\"none\"}")
                    .send();
            assertThat(garbage.status()).isEqualTo(401);
            assertThat(garbage.jsonMap()).containsEntry("detail", "Malformed token");
        }
    }

    @Test
    void aRevocationStoreThatIsDownIsA503() throws Exception {
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .lifetime(Duration.ofMinutes(5))
                .randomId()
                .build();
        try (PrivateRedis redis = PrivateRedis.start();
                RedisStore store = RedisStore.connect(redis.url(), "revoked")) {
            TokenVerifier verifier = TokenVerifier.builder()
                    .algorithms(JwtAlgorithm.HS256)
                    .keys(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32))
                    .anyIssuer()
                    .anyAudience()
                    .revokedTokens(RevokedTokens.inStore(store))
                    .build();
            try (TestClient client = TestClient.of(app(verifier))) {
                String token = encoder.encode(Token.builder().subject("42").build());
                assertThat(client.request("GET", "/me")
                                .header("Authorization", "Bearer " + token)
                                .send()
                                .status())
                        .isEqualTo(200);
                redis.kill();
                long started = System.nanoTime();
                // the cached token too: its revocation must be asked again, and cannot be
                TestResponse down = client.request("GET", "/me")
                        .header("Authorization", "Bearer " + token)
                        .send();
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.header("Retry-After")).isNotBlank();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                redis.restart();
                awaitStatus(client, token, 200);
            }
        }
    }

    @Test
    void aKeyProviderDownPastMaxAgeIsA503() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        try (JwksServer server = new JwksServer()) {
            server.body = jwks(jwk(TestKeys.RSA.getPublic(), "k1"));
            try (JwksKeySource source =
                    JwksKeySource.builder(server.uri()).clock(now::get).build()) {
                TokenVerifier verifier = TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.RS256)
                        .keySource(source)
                        .anyIssuer()
                        .anyAudience()
                        .build();
                String token = TokenEncoder.rsa(TestKeys.RSA.getPrivate())
                        .keyId("k1")
                        .lifetime(Duration.ofHours(2))
                        .build()
                        .encode(Token.builder().subject("42").build());
                try (TestClient client = TestClient.of(app(verifier))) {
                    assertThat(client.request("GET", "/me")
                                    .header("Authorization", "Bearer " + token)
                                    .send()
                                    .status())
                            .isEqualTo(200);
                    server.stop();
                    now.set(now.get().plus(Duration.ofMinutes(61)));
                    TestResponse down = client.request("GET", "/me")
                            .header("Authorization", "Bearer " + token)
                            .send();
                    assertThat(down.status()).isEqualTo(503);
                    assertThat(down.header("Retry-After")).isNotBlank();
                    assertThat(down.text()).doesNotContain(token);
                }
            }
        }
    }

    private static void awaitStatus(TestClient client, String token, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = client.request("GET", "/me")
                    .header("Authorization", "Bearer " + token)
                    .send()
                    .status();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(last).isEqualTo(status);
    }
}

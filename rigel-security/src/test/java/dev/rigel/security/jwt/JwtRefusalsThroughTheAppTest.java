package dev.rigel.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.security.SecretBytes;
import dev.rigel.stores.MemoryStore;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The refusals that need more than a shared secret, through an app on both transports: an RS256
 * verifier facing algorithm confusion and an unknown key id, an issuer it does not trust, and a
 * revoked token. Each is a 401 with the standard body and an RFC 6750 challenge, never a 500.
 */
class JwtRefusalsThroughTheAppTest {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();
    private static final RevokedTokens REVOKED = new StoreRevokedTokens(new MemoryStore(), Duration.ofMinutes(5));

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final TokenEncoder SIGNER = TokenEncoder.rsa(KEYS.getPrivate())
            .keyId("k1")
            .issuer("https://id.example")
            .audience("api")
            .build();

    private static App app() {
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.RS256)
                .keys(VerificationKey.of(KEYS.getPublic()).withKeyId("k1"))
                .issuer("https://id.example")
                .audience("api")
                .revokedTokens(REVOKED)
                .build();
        return App.builder()
                .middleware(JwtAuthentication.bearer(verifier).build())
                .routeHandlers(Route.get("/me", (String user) -> user))
                .build();
    }

    private static Token.Builder claims() {
        return Token.builder()
                .subject("ann")
                .id("jti-" + System.nanoTime())
                .expiresAt(Instant.now().plusSeconds(600));
    }

    private static void assertRefused(TestClient client, String token, String description) {
        TestResponse response = client.request("GET", "/me")
                .header("authorization", "Bearer " + token)
                .send();
        assertThat(response.status()).as(description).isEqualTo(401);
        assertThat(response.header("www-authenticate"))
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
        assertThat(response.jsonMap()).containsEntry("status_code", 401).containsKey("detail");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyRefusalIsA401ThatSaysWhy(Transport transport) {
        String good = SIGNER.encode(claims().build());
        // HS256 "signed" with the RSA public key's bytes: the key a verifier might wrongly use as a secret
        String confused = TokenEncoder.hmac(
                        JwtAlgorithm.HS256, SecretBytes.of(KEYS.getPublic().getEncoded()))
                .issuer("https://id.example")
                .audience("api")
                .build()
                .encode(claims().build());
        String unknownKid = TokenEncoder.rsa(OTHER_KEYS.getPrivate())
                .keyId("k2")
                .issuer("https://id.example")
                .audience("api")
                .build()
                .encode(claims().build());
        String otherKeySameKid = TokenEncoder.rsa(OTHER_KEYS.getPrivate())
                .keyId("k1")
                .issuer("https://id.example")
                .audience("api")
                .build()
                .encode(claims().build());
        String untrustedIssuer = TokenEncoder.rsa(KEYS.getPrivate())
                .keyId("k1")
                .issuer("https://evil.example")
                .audience("api")
                .build()
                .encode(claims().build());
        Token revoked = claims().build();
        String revokedToken = SIGNER.encode(revoked);
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse ok = client.request("GET", "/me")
                    .header("authorization", "Bearer " + good)
                    .send();
            assertThat(ok.text()).isEqualTo("ann");
            assertRefused(client, confused, "signing algorithm not allowed");
            assertRefused(client, unknownKid, "unknown signing key");
            assertRefused(client, otherKeySameKid, "invalid signature");
            assertRefused(client, untrustedIssuer, "untrusted issuer");
            // revoked after it was first accepted (and cached): the revocation still counts
            TestResponse before = client.request("GET", "/me")
                    .header("authorization", "Bearer " + revokedToken)
                    .send();
            assertThat(before.status()).isEqualTo(200);
            REVOKED.revoke(revoked.toBuilder().issuer("https://id.example").build());
            assertRefused(client, revokedToken, "token revoked");
        }
    }
}

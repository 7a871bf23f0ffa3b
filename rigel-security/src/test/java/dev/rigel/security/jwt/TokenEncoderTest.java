package dev.rigel.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.security.SecretString;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenEncoderTest {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final InstantSource CLOCK = () -> NOW;

    record Pair(String name, TokenEncoder.Builder encoder, VerificationKey key, JwtAlgorithm algorithm) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> everyAlgorithm() {
        return Stream.of(
                new Pair(
                        "HS256",
                        TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32),
                        VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32),
                        JwtAlgorithm.HS256),
                new Pair(
                        "HS384",
                        TokenEncoder.hmac(JwtAlgorithm.HS384, TestKeys.SECRET_48),
                        VerificationKey.hmac(JwtAlgorithm.HS384, TestKeys.SECRET_48),
                        JwtAlgorithm.HS384),
                new Pair(
                        "HS512",
                        TokenEncoder.hmac(JwtAlgorithm.HS512, TestKeys.SECRET_64),
                        VerificationKey.hmac(JwtAlgorithm.HS512, TestKeys.SECRET_64),
                        JwtAlgorithm.HS512),
                new Pair(
                        "RS256",
                        TokenEncoder.rsa(TestKeys.RSA.getPrivate()),
                        VerificationKey.of(TestKeys.RSA.getPublic()),
                        JwtAlgorithm.RS256),
                new Pair(
                        "ES256",
                        TokenEncoder.ec(TestKeys.EC.getPrivate()),
                        VerificationKey.of(TestKeys.EC.getPublic()),
                        JwtAlgorithm.ES256),
                new Pair(
                        "EdDSA",
                        TokenEncoder.ed25519(TestKeys.ED25519.getPrivate()),
                        VerificationKey.of(TestKeys.ED25519.getPublic()),
                        JwtAlgorithm.EdDSA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAlgorithm")
    void everyAlgorithmRoundTrips(Pair pair) {
        TokenEncoder encoder = pair.encoder()
                .clock(CLOCK)
                .lifetime(Duration.ofMinutes(10))
                .keyId("k1")
                .build();
        Token issued = Token.builder()
                .subject("42")
                .issuer("https://issuer.test")
                .audience("api")
                .scopes("orders:read", "orders:write")
                .roles("admin")
                .claim("tenant", "acme")
                .claim("limits", List.of(1, 2, 3))
                .build();
        String jwt = encoder.encode(issued);

        assertThat(header(jwt))
                .contains("\"alg\":\"" + pair.algorithm().joseName() + "\"")
                .contains("\"kid\":\"k1\"")
                .contains("\"typ\":\"JWT\"");
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(pair.algorithm())
                .keys(pair.key())
                .issuer("https://issuer.test")
                .audience("api")
                .clock(CLOCK)
                .build();
        Token verified = verifier.verify(jwt);
        assertThat(verified.subject()).contains("42");
        assertThat(verified.issuedAt()).contains(NOW);
        assertThat(verified.expiresAt()).contains(NOW.plus(Duration.ofMinutes(10)));
        assertThat(verified.scopes()).containsExactly("orders:read", "orders:write");
        assertThat(verified.roles()).containsExactly("admin");
        assertThat(verified.claim("tenant", String.class)).contains("acme");
        assertThat(verified.claim("limits")).contains(List.of(1L, 2L, 3L));
        assertThat(encoder.algorithm()).isEqualTo(pair.algorithm());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAlgorithm")
    void aKeyOfAnotherFamilyDoesNotVerify(Pair pair) {
        String jwt = pair.encoder()
                .clock(CLOCK)
                .lifetime(Duration.ofMinutes(1))
                .build()
                .encode(Token.builder().subject("1").build());
        // the same algorithm, another key of it: the signature must not hold
        VerificationKey other = switch (pair.algorithm()) {
            case HS256 -> VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 9));
            case HS384 -> VerificationKey.hmac(JwtAlgorithm.HS384, TestKeys.secret(48, 9));
            case HS512 -> VerificationKey.hmac(JwtAlgorithm.HS512, TestKeys.secret(64, 9));
            case RS256 -> VerificationKey.of(TestKeys.RSA_OTHER.getPublic());
            case ES256 -> VerificationKey.of(generate("EC").getPublic());
            case EdDSA -> VerificationKey.of(generate("Ed25519").getPublic());
        };
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(pair.algorithm())
                .keys(other)
                .anyIssuer()
                .anyAudience()
                .clock(CLOCK)
                .build();
        assertThatThrownBy(() -> verifier.verify(jwt))
                .isInstanceOfSatisfying(
                        InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.BAD_SIGNATURE));
    }

    @Test
    void hmacSecretsShorterThanTheHashAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.secret(31, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HS256 needs a secret of at least 32 bytes")
                .hasMessageContaining("this one has 31");
        assertThatThrownBy(() -> TokenEncoder.hmac(JwtAlgorithm.HS384, TestKeys.SECRET_32))
                .hasMessageContaining("HS384 needs a secret of at least 48 bytes");
        assertThatThrownBy(() -> TokenEncoder.hmac(JwtAlgorithm.HS512, TestKeys.SECRET_48))
                .hasMessageContaining("HS512 needs a secret of at least 64 bytes");
        assertThatThrownBy(() -> VerificationKey.hmac(JwtAlgorithm.HS256, SecretString.of("short")))
                .hasMessageContaining("HS256 needs a secret of at least 32 bytes");
        assertThatThrownBy(() -> TokenEncoder.hmac(JwtAlgorithm.RS256, TestKeys.SECRET_64))
                .hasMessageContaining("not an HMAC algorithm");
        // the message never shows the secret
        assertThatThrownBy(() -> TokenEncoder.hmac(JwtAlgorithm.HS256, SecretString.of("hunter2-the-secret")))
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void aStringSecretSignsWithItsUtf8Bytes() {
        SecretString secret = SecretString.of("0123456789abcdef0123456789abcdef");
        String jwt = TokenEncoder.hmac(JwtAlgorithm.HS256, secret)
                .clock(CLOCK)
                .lifetime(Duration.ofMinutes(1))
                .build()
                .encode(Token.builder().subject("s").build());
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secretOf("0123456789abcdef0123456789abcdef")))
                .anyIssuer()
                .anyAudience()
                .clock(CLOCK)
                .build();
        assertThat(verifier.verify(jwt).subject()).contains("s");
    }

    @Test
    void weakOrWrongAsymmetricKeysAreRefused() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair rsa1024 = small.generateKeyPair();
        assertThatThrownBy(() -> TokenEncoder.rsa(rsa1024.getPrivate())).hasMessageContaining("at least 2048 bits");
        assertThatThrownBy(() -> VerificationKey.of(rsa1024.getPublic())).hasMessageContaining("at least 2048 bits");

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair ec384 = p384.generateKeyPair();
        assertThatThrownBy(() -> TokenEncoder.ec(ec384.getPrivate())).hasMessageContaining("P-256");
        assertThatThrownBy(() -> VerificationKey.of(ec384.getPublic())).hasMessageContaining("P-256");

        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThatThrownBy(() -> TokenEncoder.ed25519(ed448.getPrivate())).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> VerificationKey.of(ed448.getPublic())).hasMessageContaining("unsupported public key");

        assertThatThrownBy(() -> TokenEncoder.rsa(TestKeys.EC.getPrivate())).hasMessageContaining("RSA private key");
        assertThatThrownBy(() -> TokenEncoder.ec(TestKeys.RSA.getPrivate())).hasMessageContaining("EC private key");
    }

    @Test
    void theEncoderSetsIatExpJtiIssuerAudienceAndTypeOnlyWhereTheTokenHasNone() {
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .clock(CLOCK)
                .lifetime(Duration.ofMinutes(15))
                .issuer("default-issuer")
                .audience("default-audience")
                .randomId()
                .type("at+jwt")
                .build();
        Token plain = decode(encoder.encode(Token.builder().subject("a").build()));
        assertThat(plain.issuedAt()).contains(NOW);
        assertThat(plain.expiresAt()).contains(NOW.plusSeconds(900));
        assertThat(plain.issuer()).contains("default-issuer");
        assertThat(plain.audience()).containsExactly("default-audience");
        assertThat(plain.id()).hasValueSatisfying(id -> assertThat(id).matches("[A-Za-z0-9_-]{22}"));

        Instant issued = NOW.minusSeconds(60);
        Token own = decode(encoder.encode(Token.builder()
                .issuedAt(issued)
                .expiresAt(NOW.plusSeconds(5))
                .issuer("mine")
                .audience("x", "y")
                .id("fixed")
                .build()));
        assertThat(own.issuedAt()).contains(issued);
        assertThat(own.expiresAt()).contains(NOW.plusSeconds(5));
        assertThat(own.issuer()).contains("mine");
        assertThat(own.audience()).containsExactly("x", "y");
        assertThat(own.id()).contains("fixed");

        // a lifetime counts from the token's own iat
        assertThat(decode(encoder.encode(Token.builder().issuedAt(issued).build()))
                        .expiresAt())
                .contains(issued.plusSeconds(900));
        assertThat(header(encoder.encode(plain))).contains("\"typ\":\"at+jwt\"").doesNotContain("kid");
    }

    @Test
    void randomIdsDiffer() {
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .randomId()
                .build();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(decode(encoder.encode(Token.builder().build())).id().orElseThrow());
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void withoutALifetimeNoExpiryIsAdded() {
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .clock(CLOCK)
                .build();
        assertThat(decode(encoder.encode(Token.builder().build())).expiresAt()).isEmpty();
        assertThatThrownBy(() -> TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                        .lifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The payload, read without verification (the tests above check what the encoder wrote). */
    @SuppressWarnings("unchecked")
    static Token decode(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return Token.fromClaims(new ObjectMapper().readValue(payload, Map.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

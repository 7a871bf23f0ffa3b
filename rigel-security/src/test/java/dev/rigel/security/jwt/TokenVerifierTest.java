package dev.rigel.security.jwt;

import static dev.rigel.security.jwt.TestKeys.b64;
import static dev.rigel.security.jwt.TestKeys.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.security.jwt.InvalidTokenException.Reason;
import dev.rigel.stores.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    static final byte[] SECRET = TestKeys.SECRET_32.reveal();

    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final InstantSource clock = now::get;

    final TokenEncoder hs256 = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
            .clock(clock)
            .issuer("https://issuer.test")
            .audience("api")
            .lifetime(Duration.ofMinutes(10))
            .build();
    final TokenEncoder rs256 = TokenEncoder.rsa(TestKeys.RSA.getPrivate())
            .clock(clock)
            .issuer("https://issuer.test")
            .audience("api")
            .lifetime(Duration.ofMinutes(10))
            .build();

    TokenVerifier.Builder verifierBuilder() {
        return TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32))
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock);
    }

    final TokenVerifier verifier = verifierBuilder().build();

    static void refused(Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(((InvalidTokenException) e).reason()).isEqualTo(reason));
    }

    /** A well-formed header and these claims, HS256-signed with the verifier's own secret. */
    static String signed(String claimsJson) {
        return hs256(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claimsJson);
    }

    static String validClaims(String extra) {
        long exp = NOW.getEpochSecond() + 600;
        return "{\"iss\":\"https://issuer.test\",\"aud\":\"api\",\"sub\":\"42\",\"exp\":" + exp
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    // ---- the good path

    @Test
    void aValidTokenIsAccepted() {
        Token token = verifier.verify(hs256.encode(Token.builder().subject("42").build()));
        assertThat(token.subject()).contains("42");
        assertThat(token.issuer()).contains("https://issuer.test");
        // the hand-signed helper produces tokens the verifier accepts, so the refusals below are
        // about what each one changes, not about the helper
        assertThat(verifier.verify(signed(validClaims(""))).subject()).contains("42");
    }

    // ---- time

    @Test
    void expiredTokensAreRefusedPastTheLeeway() {
        String token =
                hs256.encode(Token.builder().expiresAt(NOW.minusSeconds(29)).build());
        assertThat(verifier.verify(token).expiresAt()).contains(NOW.minusSeconds(29));
        refused(
                Reason.EXPIRED,
                () -> verifier.verify(hs256.encode(
                        Token.builder().expiresAt(NOW.minusSeconds(30)).build())));
        refused(
                Reason.EXPIRED,
                () -> verifier.verify(hs256.encode(
                        Token.builder().expiresAt(NOW.minusSeconds(3600)).build())));
    }

    @Test
    void tokensNotYetValidAreRefusedBeforeTheLeeway() {
        assertThat(verifier.verify(hs256.encode(
                        Token.builder().notBefore(NOW.plusSeconds(30)).build())))
                .isNotNull();
        refused(
                Reason.NOT_YET_VALID,
                () -> verifier.verify(hs256.encode(
                        Token.builder().notBefore(NOW.plusSeconds(31)).build())));
    }

    @Test
    void withoutLeewayExpIsTheFirstRefusedInstant() {
        TokenVerifier strict = verifierBuilder().leeway(Duration.ZERO).build();
        refused(
                Reason.EXPIRED,
                () -> strict.verify(hs256.encode(Token.builder().expiresAt(NOW).build())));
        assertThat(strict.verify(hs256.encode(
                        Token.builder().expiresAt(NOW.plusSeconds(1)).build())))
                .isNotNull();
        assertThat(strict.verify(hs256.encode(Token.builder().notBefore(NOW).build())))
                .isNotNull();
        refused(
                Reason.NOT_YET_VALID,
                () -> strict.verify(hs256.encode(
                        Token.builder().notBefore(NOW.plusSeconds(1)).build())));
        assertThatThrownBy(() -> verifierBuilder().leeway(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifierBuilder().leeway(Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInjectedClockDecides() {
        String token = hs256.encode(Token.builder().build()); // exp = NOW + 10 min
        assertThat(verifier.verify(token)).isNotNull();
        now.set(NOW.plus(Duration.ofMinutes(10)).plusSeconds(29));
        assertThat(verifier.verify(token)).isNotNull();
        now.set(NOW.plus(Duration.ofMinutes(10)).plusSeconds(30));
        refused(Reason.EXPIRED, () -> verifier.verify(token));
        now.set(NOW.minus(Duration.ofHours(1)));
        // issued (iat) in the future is not refused by itself; only nbf is a validity bound
        assertThat(verifier.verify(token)).isNotNull();
    }

    // ---- issuer, audience, required claims, type

    @Test
    void issuerMustBeAccepted() {
        refused(
                Reason.WRONG_ISSUER,
                () -> verifier.verify(
                        hs256.encode(Token.builder().issuer("https://evil.test").build())));
        refused(
                Reason.WRONG_ISSUER,
                () -> verifier.verify(signed(validClaims("").replace("\"iss\":\"https://issuer.test\",", ""))));
        TokenVerifier two = verifierBuilder().issuer("https://other.test").build();
        assertThat(two.verify(hs256.encode(
                        Token.builder().issuer("https://other.test").build())))
                .isNotNull();
        // compared exactly: no trailing-slash or case folding
        refused(
                Reason.WRONG_ISSUER,
                () -> verifier.verify(hs256.encode(
                        Token.builder().issuer("https://issuer.test/").build())));
        TokenVerifier any = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32))
                .anyIssuer()
                .anyAudience()
                .clock(clock)
                .build();
        assertThat(any.verify(signed("{\"exp\":" + (NOW.getEpochSecond() + 60) + "}")))
                .isNotNull();
    }

    @Test
    void audienceMustNameAnAcceptedOne() {
        refused(
                Reason.WRONG_AUDIENCE,
                () -> verifier.verify(
                        hs256.encode(Token.builder().audience("other").build())));
        refused(
                Reason.WRONG_AUDIENCE,
                () -> verifier.verify(signed(validClaims("").replace("\"aud\":\"api\",", ""))));
        assertThat(verifier.verify(hs256.encode(
                                Token.builder().audience("other", "api").build()))
                        .audience())
                .containsExactly("other", "api");
        refused(
                Reason.WRONG_AUDIENCE,
                () -> verifier.verify(
                        hs256.encode(Token.builder().audience("API").build())));
    }

    @Test
    void requiredClaimsMustBePresent() {
        TokenVerifier needsJti =
                verifierBuilder().requireClaims("jti", "tenant").build();
        refused(
                Reason.MISSING_CLAIM,
                () -> needsJti.verify(hs256.encode(Token.builder().id("1").build())));
        refused(
                Reason.MISSING_CLAIM,
                () -> needsJti.verify(
                        hs256.encode(Token.builder().claim("tenant", "a").build())));
        assertThat(needsJti.verify(hs256.encode(
                        Token.builder().id("1").claim("tenant", "a").build())))
                .isNotNull();
    }

    @Test
    void expIsRequiredByDefault() {
        TokenEncoder noLifetime = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .clock(clock)
                .issuer("https://issuer.test")
                .audience("api")
                .build();
        String forever = noLifetime.encode(Token.builder().build());
        refused(Reason.MISSING_CLAIM, () -> verifier.verify(forever));
        assertThat(verifierBuilder().requireExpiry(false).build().verify(forever))
                .isNotNull();
    }

    @Test
    void aRequiredTypeIsEnforcedWhenAsked() {
        TokenVerifier accessTokens = verifierBuilder().requireType("at+jwt").build();
        refused(
                Reason.WRONG_TYPE,
                () -> accessTokens.verify(hs256.encode(Token.builder().build()))); // typ JWT
        refused(
                Reason.WRONG_TYPE,
                () -> accessTokens.verify(signed(validClaims("")).replaceFirst("^[^.]+", b64("{\"alg\":\"HS256\"}"))));
        for (String type : List.of("at+jwt", "application/at+jwt", "AT+JWT")) {
            String token = hs256(SECRET, "{\"alg\":\"HS256\",\"typ\":\"" + type + "\"}", validClaims(""));
            assertThat(accessTokens.verify(token)).as(type).isNotNull();
        }
        // without requireType any typ passes
        assertThat(verifier.verify(hs256(SECRET, "{\"alg\":\"HS256\",\"typ\":\"whatever\"}", validClaims(""))))
                .isNotNull();
    }

    // ---- algorithms and keys

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokensAreRefused(String none) {
        String header = b64("{\"alg\":\"" + none + "\"}");
        String payload = b64(validClaims(""));
        refused(Reason.ALGORITHM_NOT_ALLOWED, () -> verifier.verify(header + "." + payload + "."));
        // with a signature, whatever it is, too
        refused(Reason.ALGORITHM_NOT_ALLOWED, () -> verifier.verify(header + "." + payload + "." + b64("sig")));
    }

    @Test
    void algorithmsNotAllowedAreRefusedBeforeAnyKeyIsTried() {
        String hs384 = TokenEncoder.hmac(JwtAlgorithm.HS384, TestKeys.SECRET_48)
                .clock(clock)
                .lifetime(Duration.ofMinutes(1))
                .build()
                .encode(Token.builder().build());
        refused(Reason.ALGORITHM_NOT_ALLOWED, () -> verifier.verify(hs384));
        refused(
                Reason.ALGORITHM_NOT_ALLOWED,
                () -> verifier.verify(rs256.encode(Token.builder().build())));
        refused(
                Reason.ALGORITHM_NOT_ALLOWED,
                () -> verifier.verify(hs256(SECRET, "{\"alg\":\"HS1\"}", validClaims(""))));
        refused(
                Reason.ALGORITHM_NOT_ALLOWED,
                () -> verifier.verify(hs256(SECRET, "{\"alg\":\"RSA-OAEP\"}", validClaims(""))));
        refused(Reason.MALFORMED, () -> verifier.verify(hs256(SECRET, "{\"typ\":\"JWT\"}", validClaims(""))));
        refused(Reason.MALFORMED, () -> verifier.verify(hs256(SECRET, "{\"alg\":256}", validClaims(""))));
    }

    /** The classic confusion: HS256 "signed" with the RSA public key, as a verifier that trusted the header would check it. */
    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefused() {
        byte[] der = TestKeys.RSA.getPublic().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        List<String> forgeries = List.of(
                hs256(der, "{\"alg\":\"HS256\"}", validClaims("")),
                hs256(pem.getBytes(StandardCharsets.US_ASCII), "{\"alg\":\"HS256\"}", validClaims("")));
        VerificationKey rsa = VerificationKey.of(TestKeys.RSA.getPublic());

        // an RS256 verifier does not even look at an HS256 token
        TokenVerifier rsaOnly = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.RS256)
                .keys(rsa)
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock)
                .build();
        forgeries.forEach(forged -> refused(Reason.ALGORITHM_NOT_ALLOWED, () -> rsaOnly.verify(forged)));
        assertThat(rsaOnly.verify(rs256.encode(Token.builder().build()))).isNotNull();

        // allowing HS256 as well does not make the RSA key an HMAC secret: with only that key (from
        // a source: fixed keys that cannot serve an allowed algorithm are refused at build time),
        // there is no key for HS256
        TokenVerifier both = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.RS256, JwtAlgorithm.HS256)
                .keySource(KeySource.of(KeySet.of(rsa)))
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock)
                .build();
        forgeries.forEach(forged -> refused(Reason.UNKNOWN_KEY, () -> both.verify(forged)));
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.RS256, JwtAlgorithm.HS256)
                        .keys(rsa)
                        .anyIssuer()
                        .anyAudience()
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HS256 is allowed but none of the keys verifies it");

        // and with an HMAC secret beside it, the forgery meets the secret, not the public key
        TokenVerifier mixed = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.RS256, JwtAlgorithm.HS256)
                .keys(rsa, VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 7)))
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock)
                .build();
        forgeries.forEach(forged -> refused(Reason.BAD_SIGNATURE, () -> mixed.verify(forged)));
    }

    @Test
    void keyIdsPickTheKey() {
        VerificationKey one =
                VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32).withKeyId("one");
        VerificationKey two =
                VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 5)).withKeyId("two");
        TokenVerifier byId = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(one, two)
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock)
                .build();
        TokenEncoder.Builder signTwo = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 5))
                .clock(clock)
                .issuer("https://issuer.test")
                .audience("api")
                .lifetime(Duration.ofMinutes(1));
        assertThat(byId.verify(
                        signTwo.keyId("two").build().encode(Token.builder().build())))
                .isNotNull();
        refused(
                Reason.UNKNOWN_KEY,
                () -> byId.verify(
                        signTwo.keyId("three").build().encode(Token.builder().build())));
        // key "one" is not tried for a token naming "two"
        refused(
                Reason.BAD_SIGNATURE,
                () -> byId.verify(hs256(SECRET, "{\"alg\":\"HS256\",\"kid\":\"two\"}", validClaims(""))));
        // a token without kid is tried against every key of its algorithm
        assertThat(byId.verify(signed(validClaims("")))).isNotNull();
        // a key configured without an id answers to any id
        assertThat(verifier.verify(hs256(SECRET, "{\"alg\":\"HS256\",\"kid\":\"anything\"}", validClaims(""))))
                .isNotNull();
    }

    // ---- tampering, truncation, length

    @Test
    void tamperedPayloadsAndSignaturesAreRefused() {
        for (TokenVerifier v : List.of(verifier, rsaVerifier())) {
            String token = (v == verifier ? hs256 : rs256)
                    .encode(Token.builder().subject("42").build());
            String[] parts = token.split("\\.");
            String otherPayload = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"42\"", "\"43\""));
            refused(Reason.BAD_SIGNATURE, () -> v.verify(parts[0] + "." + otherPayload + "." + parts[2]));
            char first = parts[2].charAt(0);
            String otherSignature = (first == 'A' ? 'B' : 'A') + parts[2].substring(1);
            refused(Reason.BAD_SIGNATURE, () -> v.verify(parts[0] + "." + parts[1] + "." + otherSignature));
            // another header (kid added) with the old signature
            String otherHeader = b64(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                    .replace("}", ",\"kid\":\"x\"}"));
            refused(Reason.BAD_SIGNATURE, () -> v.verify(otherHeader + "." + parts[1] + "." + parts[2]));
        }
    }

    @Test
    void everyTruncationIsRefused() {
        for (TokenVerifier v : List.of(verifier, rsaVerifier())) {
            String token = (v == verifier ? hs256 : rs256)
                    .encode(Token.builder().subject("42").build());
            for (int length = 0; length < token.length(); length++) {
                String prefix = token.substring(0, length);
                assertThatThrownBy(() -> v.verify(prefix))
                        .as("prefix of %d chars", length)
                        .isExactlyInstanceOf(InvalidTokenException.class);
            }
        }
    }

    @Test
    void randomMutationsAreRefusedAndNeverThrowAnythingElse() {
        String token = rs256.encode(Token.builder().subject("42").claim("n", 1).build());
        TokenVerifier v = rsaVerifier();
        Random random = new Random(14);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u00e9\u0000{}\"";
        for (int i = 0; i < 3000; i++) {
            StringBuilder mutated = new StringBuilder(token);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutated.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> mutated.setCharAt(at, c);
                    case 1 -> mutated.insert(at, c);
                    default -> mutated.deleteCharAt(at);
                }
            }
            String candidate = mutated.toString();
            if (candidate.equals(token)) {
                continue;
            }
            assertThatThrownBy(() -> v.verify(candidate))
                    .as(candidate)
                    .isExactlyInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void tokensPastTheMaximumLengthAreRefusedBeforeParsing() {
        String huge = "x".repeat(10 * 1024);
        refused(Reason.TOO_LONG, () -> verifier.verify(huge));
        // a validly signed 10 KB token is refused the same way
        String big =
                hs256.encode(Token.builder().claim("pad", "p".repeat(10 * 1024)).build());
        refused(Reason.TOO_LONG, () -> verifier.verify(big));
        TokenVerifier roomy = verifierBuilder().maxTokenLength(32 * 1024).build();
        assertThat(roomy.verify(big)).isNotNull();
        // the bound is inclusive
        String token = hs256.encode(Token.builder().build());
        assertThat(verifierBuilder().maxTokenLength(token.length()).build().verify(token))
                .isNotNull();
        refused(
                Reason.TOO_LONG,
                () -> verifierBuilder()
                        .maxTokenLength(token.length() - 1)
                        .build()
                        .verify(token));
    }

    // ---- garbage

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "abc",
                "a.b",
                "a.b.c.d",
                "a.b.c.d.e",
                "..",
                "...",
                "a..c",
                ".b.c",
                "a.b.",
                "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
                "eyJhbGciOiJIUzI1NiJ9 .e30.c2ln",
                "%%%.%%%.%%%",
                "eyJhbGciOiJIUzI1NiJ9.e30=.c2ln",
                "eyJhbGciOiJIUzI1NiJ9.e30.c2ln=",
                "eyJhbGciOiJIUzI1NiJ9.e30.c2l",
                "\u00e9\u00e9\u00e9.\u00e9.\u00e9",
                "\u0000.\u0000.\u0000",
                "e30.e30.e30",
                "W10.e30.c2ln",
                "Ig.e30.c2ln",
                "bnVsbA.e30.c2ln",
                "eyJhbGciOiJIUzI1NiJ9.e30.c2ln.c2ln"
            })
    void garbageIsMalformedOrRefused(String garbage) {
        assertThatThrownBy(() -> verifier.verify(garbage))
                .isExactlyInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(((InvalidTokenException) e).reason())
                        .isIn(Reason.MALFORMED, Reason.ALGORITHM_NOT_ALLOWED, Reason.BAD_SIGNATURE));
    }

    @Test
    void nullIsMalformed() {
        refused(Reason.MALFORMED, () -> verifier.verify(null));
    }

    @Test
    void badHeadersAreMalformed() {
        String payload = b64(validClaims(""));
        for (String header : List.of(
                "not json",
                "[1,2]",
                "\"HS256\"",
                "42",
                "null",
                "{",
                "{\"alg\":\"HS256\",\"alg\":\"HS256\"}",
                "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}",
                "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
                "{\"alg\":\"HS256\",\"b64\":true}")) {
            String token = hs256(SECRET, header, validClaims(""));
            assertThatThrownBy(() -> verifier.verify(token))
                    .as(header)
                    .isExactlyInstanceOf(InvalidTokenException.class)
                    .satisfies(e -> assertThat(((InvalidTokenException) e).reason())
                            .as(header)
                            .isEqualTo(Reason.MALFORMED));
            assertThat(token).contains(payload);
        }
    }

    /** Correctly signed, so each gets past the signature: the payload itself must be refused. */
    @Test
    void badPayloadsWithGoodSignaturesAreMalformed() {
        String nested = "[".repeat(2000) + "]".repeat(2000);
        long exp = NOW.getEpochSecond() + 600;
        List<String> payloads = List.of(
                "not json",
                "[1,2,3]",
                "\"a string\"",
                "42",
                "null",
                "{\"sub\":\"42\"",
                validClaims("\"exp\":" + exp), // exp twice
                validClaims("").replace("\"exp\":" + exp, "\"exp\":1e400"),
                validClaims("").replace("\"exp\":" + exp, "\"exp\":99999999999999999999999"),
                validClaims("").replace("\"exp\":" + exp, "\"exp\":9223372036854775807"),
                validClaims("").replace("\"exp\":" + exp, "\"exp\":-1"),
                validClaims("").replace("\"exp\":" + exp, "\"exp\":\"tomorrow\""),
                validClaims("").replace("\"exp\":" + exp, "\"exp\":NaN"),
                validClaims("").replace("\"exp\":" + exp, "\"exp\":[1]"),
                validClaims("").replace("\"sub\":\"42\"", "\"sub\":42"),
                validClaims("").replace("\"aud\":\"api\"", "\"aud\":[\"api\",7]"),
                validClaims("").replace("\"aud\":\"api\"", "\"aud\":{\"x\":1}"),
                validClaims("\"deep\":" + nested));
        for (String payload : payloads) {
            String token = signed(payload);
            if (token.length() > TokenVerifier.DEFAULT_MAX_TOKEN_LENGTH) {
                throw new IllegalStateException("test token too long: " + payload.length());
            }
            assertThatThrownBy(() -> verifier.verify(token))
                    .as(abbreviate(payload))
                    .isExactlyInstanceOf(InvalidTokenException.class)
                    .satisfies(e -> assertThat(((InvalidTokenException) e).reason())
                            .as(abbreviate(payload))
                            .isEqualTo(Reason.MALFORMED));
        }
        // fractional NumericDates are fine (RFC 7519 §2)
        assertThat(verifier.verify(signed(validClaims("").replace("\"exp\":" + exp, "\"exp\":" + exp + ".5")))
                        .expiresAt())
                .contains(Instant.ofEpochSecond(exp, 500_000_000));
    }

    // ---- revocation

    @Test
    void revokedTokensAreRefusedAlsoWhenCached() {
        RevokedTokens revoked = RevokedTokens.inStore(new MemoryStore());
        TokenVerifier withRevocation = verifierBuilder().revokedTokens(revoked).build();
        String token = hs256.encode(Token.builder().id("abc").build());
        Token verified = withRevocation.verify(token);
        assertThat(withRevocation.verify(token)).isSameAs(verified); // from the cache
        revoked.revoke(verified);
        refused(Reason.REVOKED, () -> withRevocation.verify(token));
        // another token is unaffected
        assertThat(withRevocation.verify(hs256.encode(Token.builder().id("abd").build())))
                .isNotNull();
    }

    @Test
    void aFailingRevocationListIsNotA401() {
        RuntimeException outage = new dev.rigel.stores.StoreUnavailableException("down", null);
        TokenVerifier failing = verifierBuilder()
                .revokedTokens(new RevokedTokens() {
                    @Override
                    public boolean isRevoked(Token token) {
                        throw outage;
                    }

                    @Override
                    public void revoke(Token token) {}
                })
                .build();
        assertThatThrownBy(() ->
                        failing.verify(hs256.encode(Token.builder().id("1").build())))
                .isSameAs(outage);
    }

    @Test
    void anUnavailableKeySourceIsNotA401() {
        KeysUnavailableException down = new KeysUnavailableException("provider down");
        TokenVerifier failing = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keySource(() -> {
                    throw down;
                })
                .anyIssuer()
                .anyAudience()
                .build();
        assertThatThrownBy(() -> failing.verify(hs256.encode(Token.builder().build())))
                .isSameAs(down);
        assertThat(down).isInstanceOf(dev.rigel.exceptions.DependencyUnavailable.class);
    }

    // ---- the 401 itself

    @Test
    void theRefusalIsA401WithAnRfc6750Challenge() {
        String token =
                hs256.encode(Token.builder().expiresAt(NOW.minusSeconds(3600)).build());
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(NotAuthorizedException.class)
                .satisfies(e -> {
                    InvalidTokenException refusal = (InvalidTokenException) e;
                    assertThat(refusal.statusCode()).isEqualTo(401);
                    assertThat(refusal.detail()).isEqualTo("Token expired");
                    assertThat(refusal.headers())
                            .containsExactly(java.util.Map.entry(
                                    "WWW-Authenticate",
                                    "Bearer error=\"invalid_token\", error_description=\"token expired\""));
                    assertThat(refusal.getMessage() + refusal.headers() + refusal.detail() + refusal)
                            .doesNotContain(token)
                            .doesNotContain(token.split("\\.")[1]);
                    assertThat(refusal.extra()).isNull();
                });
        TokenVerifier withRealm = verifierBuilder().realm("orders").build();
        assertThatThrownBy(() -> withRealm.verify("garbage"))
                .satisfies(
                        e -> assertThat(((InvalidTokenException) e).headers().get("WWW-Authenticate"))
                                .isEqualTo(
                                        "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"malformed token\""));
        assertThatThrownBy(() -> verifierBuilder().realm("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyReasonHasAFixedShortDetailAndAQuotableDescription() {
        for (Reason reason : Reason.values()) {
            assertThat(reason.detail()).isNotBlank().hasSizeLessThan(40);
            assertThat(reason.description()).isNotBlank().matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
            assertThat(new InvalidTokenException(reason).headers().get("WWW-Authenticate"))
                    .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + reason.description() + "\"");
        }
    }

    // ---- the builder's demands

    @Test
    void theBuilderInsistsOnExplicitChoices() {
        VerificationKey key = VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32);
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .keys(key)
                        .anyIssuer()
                        .anyAudience()
                        .build())
                .hasMessageContaining("algorithms");
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.HS256)
                        .anyIssuer()
                        .anyAudience()
                        .build())
                .hasMessageContaining("keys");
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.HS256)
                        .keys(key)
                        .anyAudience()
                        .build())
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.HS256)
                        .keys(key)
                        .anyIssuer()
                        .build())
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.HS256)
                        .keys(key)
                        .keySource(KeySource.of(KeySet.of(key)))
                        .anyIssuer()
                        .anyAudience()
                        .build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> TokenVerifier.builder().issuer()).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the verified-token cache

    @Test
    void theCacheServesTheSameTokenAndCanBeSwitchedOff() {
        String token = hs256.encode(Token.builder().build());
        Token first = verifier.verify(token);
        assertThat(verifier.verify(token)).isSameAs(first);
        TokenVerifier uncached = verifierBuilder().noCache().build();
        Token one = uncached.verify(token);
        Token two = uncached.verify(token);
        assertThat(two).isEqualTo(one).isNotSameAs(one);
    }

    @Test
    void aCachedTokenStillExpires() {
        String token = hs256.encode(Token.builder().build());
        Token first = verifier.verify(token);
        assertThat(verifier.verify(token)).isSameAs(first);
        now.set(NOW.plus(Duration.ofMinutes(11)));
        refused(Reason.EXPIRED, () -> verifier.verify(token));
    }

    @Test
    void aCachedTokenIsVerifiedAgainAfterTheMaximumTimeToLive() {
        TokenVerifier shortLived =
                verifierBuilder().cache(100, Duration.ofSeconds(10)).build();
        String token = hs256.encode(Token.builder().build());
        Token first = shortLived.verify(token);
        now.set(NOW.plusSeconds(9));
        assertThat(shortLived.verify(token)).isSameAs(first);
        now.set(NOW.plusSeconds(10));
        Token again = shortLived.verify(token);
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void aNewKeySetDropsWhatTheOldOneVerified() {
        VerificationKey key = VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32);
        AtomicReference<KeySet> keys = new AtomicReference<>(KeySet.of(key));
        TokenVerifier rotating = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keySource(keys::get)
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock)
                .build();
        String token = hs256.encode(Token.builder().build());
        Token first = rotating.verify(token);
        assertThat(rotating.verify(token)).isSameAs(first);
        // the same keys in a new set: verified again, still accepted
        keys.set(KeySet.of(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)));
        Token second = rotating.verify(token);
        assertThat(second).isNotSameAs(first);
        // the key withdrawn: the cached token is refused too
        keys.set(KeySet.of(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 8))));
        refused(Reason.BAD_SIGNATURE, () -> rotating.verify(token));
    }

    @Test
    void refusedTokensAreNotCached() {
        String expired =
                hs256.encode(Token.builder().expiresAt(NOW.minusSeconds(60)).build());
        refused(Reason.EXPIRED, () -> verifier.verify(expired));
        now.set(NOW.minusSeconds(3600)); // back in time: now it is valid, and verified afresh
        assertThat(verifier.verify(expired)).isNotNull();
    }

    private TokenVerifier rsaVerifier() {
        return TokenVerifier.builder()
                .algorithms(JwtAlgorithm.RS256)
                .keys(VerificationKey.of(TestKeys.RSA.getPublic()))
                .issuer("https://issuer.test")
                .audience("api")
                .clock(clock)
                .build();
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}

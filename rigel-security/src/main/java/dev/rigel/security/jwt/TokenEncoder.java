package dev.rigel.security.jwt;

import com.nimbusds.jose.JWSSigner;
import dev.rigel.security.SecretBytes;
import dev.rigel.security.SecretString;
import dev.rigel.security.jwt.internal.Ed25519Jdk;
import dev.rigel.security.jwt.internal.JoseCrypto;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs tokens: HS256/HS384/HS512 with a shared secret, RS256 with an RSA private key (2048 bits or
 * more), ES256 with an EC P-256 key, EdDSA with an Ed25519 key. Thread-safe and immutable.
 *
 * <pre>{@code
 * TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, SecretString.of(secret))
 *         .issuer("https://auth.example.com")
 *         .lifetime(Duration.ofMinutes(15))
 *         .randomId()
 *         .build();
 * String jwt = encoder.encode(Token.builder().subject("42").audience("orders-api").build());
 * }</pre>
 *
 * <p>Each token gets {@code iat} (now) when it has none, {@code exp} ({@code iat} plus the
 * lifetime) when a lifetime is set and it has none, an issuer and audience when configured and it
 * has none, and a random {@code jti} (128 bits) when asked for. The header carries {@code alg},
 * {@code typ} ({@code JWT} unless set) and the key id when one is set.
 */
public final class TokenEncoder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtAlgorithm algorithm;
    private final JWSSigner signer;
    private final String keyId;
    private final String type;
    private final Duration lifetime;
    private final String issuer;
    private final String audience;
    private final boolean randomId;
    private final InstantSource clock;

    private TokenEncoder(Builder builder) {
        this.algorithm = builder.algorithm;
        this.signer = builder.signer;
        this.keyId = builder.keyId;
        this.type = builder.type;
        this.lifetime = builder.lifetime;
        this.issuer = builder.issuer;
        this.audience = builder.audience;
        this.randomId = builder.randomId;
        this.clock = builder.clock;
    }

    /**
     * An encoder signing with HMAC {@code algorithm} (HS256, HS384, HS512).
     *
     * @throws IllegalArgumentException when the secret is shorter than the algorithm's hash (32, 48
     *     or 64 bytes), or {@code algorithm} is not HMAC
     */
    public static Builder hmac(JwtAlgorithm algorithm, SecretBytes secret) {
        VerificationKey.checkHmacSecret(algorithm, secret);
        // Nimbus' signer keeps this array as its key (no copy), so it must not be wiped here
        return new Builder(algorithm, JoseCrypto.hmacSigner(secret.reveal()));
    }

    /** An encoder signing with HMAC {@code algorithm} and the secret's UTF-8 bytes; see {@link #hmac(JwtAlgorithm, SecretBytes)}. */
    public static Builder hmac(JwtAlgorithm algorithm, SecretString secret) {
        return hmac(algorithm, secret.toBytes());
    }

    /**
     * An encoder signing RS256 with an RSA private key.
     *
     * @throws IllegalArgumentException when the key is not RSA or has fewer than 2048 bits
     */
    public static Builder rsa(PrivateKey key) {
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new IllegalArgumentException("RS256 needs an RSA private key, got " + algorithmOf(key));
        }
        VerificationKey.checkRsaSize(rsa.getModulus().bitLength());
        return new Builder(JwtAlgorithm.RS256, JoseCrypto.rsaSigner(key));
    }

    /**
     * An encoder signing ES256 with an EC private key on P-256.
     *
     * @throws IllegalArgumentException when the key is not EC on P-256
     */
    public static Builder ec(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec) || !JoseCrypto.isP256(ec)) {
            throw new IllegalArgumentException("ES256 needs an EC private key on P-256, got " + algorithmOf(key));
        }
        return new Builder(JwtAlgorithm.ES256, JoseCrypto.ecSigner(ec));
    }

    /**
     * An encoder signing EdDSA with an Ed25519 private key (with the JDK's own EdDSA).
     *
     * @throws IllegalArgumentException when the key is not Ed25519
     */
    public static Builder ed25519(PrivateKey key) {
        if (!Ed25519Jdk.isEd25519(key)) {
            throw new IllegalArgumentException("EdDSA needs an Ed25519 private key, got " + algorithmOf(key));
        }
        return new Builder(JwtAlgorithm.EdDSA, Ed25519Jdk.signer(key));
    }

    /** The algorithm tokens are signed with. */
    public JwtAlgorithm algorithm() {
        return algorithm;
    }

    /** The key id written into each token's header, if set. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** Signs {@code token}, adding the claims this encoder sets by default; returns the compact JWT. */
    public String encode(Token token) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>(token.claims());
        if (issuer != null) {
            claims.putIfAbsent("iss", issuer);
        }
        if (audience != null) {
            claims.putIfAbsent("aud", audience);
        }
        long issuedAt = token.issuedAt().map(Instant::getEpochSecond).orElse(now.getEpochSecond());
        claims.putIfAbsent("iat", issuedAt);
        if (lifetime != null) {
            claims.putIfAbsent("exp", issuedAt + lifetime.toSeconds());
        }
        if (randomId) {
            claims.putIfAbsent("jti", randomId());
        }
        return JoseCrypto.sign(signer, algorithm.joseName(), keyId, type, claims);
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String algorithmOf(PrivateKey key) {
        return key == null ? "null" : key.getAlgorithm() + " key";
    }

    /** Configures a {@link TokenEncoder}. */
    public static final class Builder {
        private final JwtAlgorithm algorithm;
        private final JWSSigner signer;
        private String keyId;
        private String type = "JWT";
        private Duration lifetime;
        private String issuer;
        private String audience;
        private boolean randomId;
        private InstantSource clock = Clock.systemUTC();

        private Builder(JwtAlgorithm algorithm, JWSSigner signer) {
            this.algorithm = algorithm;
            this.signer = signer;
        }

        /** The {@code kid} header, naming the key to verifiers that hold several (a JWKS). */
        public Builder keyId(String keyId) {
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            return this;
        }

        /**
         * The {@code typ} header (default {@code JWT}); {@code at+jwt} marks an OAuth access token
         * (RFC 9068), which a verifier can then insist on; null leaves the header out.
         */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** Tokens without {@code exp} expire this long after {@code iat} (default: no expiry is added). */
        public Builder lifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.toSeconds() < 1) {
                throw new IllegalArgumentException("a token lifetime is at least one second, got " + lifetime);
            }
            this.lifetime = lifetime;
            return this;
        }

        /** The {@code iss} given to tokens that have none. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The {@code aud} given to tokens that have none. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** Gives tokens without a {@code jti} a random one (128 bits, base64url), so they can be revoked. */
        public Builder randomId() {
            this.randomId = true;
            return this;
        }

        /** Where {@code iat} comes from (default the system clock). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TokenEncoder build() {
            return new TokenEncoder(this);
        }
    }
}

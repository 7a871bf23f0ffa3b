package dev.rigel.security.jwt;

import dev.rigel.security.jwt.InvalidTokenException.Reason;
import dev.rigel.security.jwt.internal.CompactJws;
import dev.rigel.security.jwt.internal.JoseCrypto;
import dev.rigel.security.jwt.internal.JoseFailure;
import dev.rigel.security.jwt.internal.VerifiedTokenCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks bearer tokens: {@link #verify} returns the token's claims, or throws {@link
 * InvalidTokenException} (a 401 with an RFC 6750 challenge) saying why not. Thread-safe and
 * immutable; build one per set of rules and share it.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder()
 *         .algorithms(JwtAlgorithm.RS256)
 *         .keySource(JwksKeySource.builder(URI.create("https://idp.example.com/jwks.json")).build())
 *         .issuer("https://idp.example.com/")
 *         .audience("orders-api")
 *         .build();
 * Token token = verifier.verify(compactJwt);
 * }</pre>
 *
 * <p>A token is accepted when, in this order: it is no longer than the maximum length (checked
 * before anything is parsed); it is a JWS whose {@code alg} is one of the allowed algorithms
 * ({@code none} never is); its {@code typ} is the required one, if one is required; a key of the
 * algorithm's family with the token's {@code kid} verifies its signature (an unknown {@code kid}
 * lets a changing key source look again first); its claims are a JSON object with well-typed
 * registered claims; it has every required claim ({@code exp} by default); its {@code iss} and
 * {@code aud} are accepted; {@code exp} and {@code nbf} hold, give or take the clock leeway; and it
 * is not revoked.
 *
 * <p><b>The verified-token cache</b> (on by default) remembers a token that passed, keyed by the
 * SHA-256 of its exact text, so that the next request with it skips parsing and the signature
 * check: tens of microseconds for RS256. It is safe because a verification's outcome depends only
 * on the token's text, this verifier's rules, the key set, the time and the revocation list, and
 * a hit fixes the first three and checks the last two again:
 *
 * <ul>
 *   <li>the text: a hit needs the same SHA-256, i.e. the same token, byte for byte (no other
 *       string can be found that has it); only tokens that passed are cached, so a forged token
 *       never hits;
 *   <li>the rules: a verifier is immutable and its cache is its own;
 *   <li>the key set: an entry remembers the {@link KeySet} that verified it and is dropped when the
 *       source hands out another one (a JWKS rotation), so a token whose key was withdrawn is
 *       checked again, and refused;
 *   <li>the time: an entry lives at most until the token's {@code exp} and the cache's time to
 *       live, and every hit checks {@code exp} and {@code nbf} against the clock again;
 *   <li>revocation: every hit asks the {@link RevokedTokens} again.
 * </ul>
 *
 * <p>It holds digests, not tokens, and is bounded ({@link Builder#cache}); {@link Builder#noCache}
 * turns it off.
 */
public final class TokenVerifier {

    /** The longest token accepted by default: 8 KiB, the size many servers allow for a whole header. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    /** The clock leeway by default: 30 seconds. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);

    /** How many verified tokens the cache holds by default. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    /** How long the cache keeps a verified token at most, by default (less if the token expires first). */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

    private final Set<JwtAlgorithm> algorithms;
    private final KeySource keys;
    private final Set<String> issuers;
    private final Set<String> audiences;
    private final List<String> requiredClaims;
    private final String type;
    private final Duration leeway;
    private final InstantSource clock;
    private final int maxTokenLength;
    private final RevokedTokens revokedTokens;
    private final VerifiedTokenCache<Token> cache;
    private final String realm;

    private TokenVerifier(Builder builder) {
        this.algorithms = Set.copyOf(builder.algorithms);
        this.keys = builder.keySource();
        this.issuers = builder.issuers == null ? null : Set.copyOf(builder.issuers);
        this.audiences = builder.audiences == null ? null : Set.copyOf(builder.audiences);
        this.requiredClaims = List.copyOf(builder.requiredClaims());
        this.type = builder.type;
        this.leeway = builder.leeway;
        this.clock = builder.clock;
        this.maxTokenLength = builder.maxTokenLength;
        this.revokedTokens = builder.revokedTokens;
        this.cache = builder.cacheSize == 0
                ? null
                : new VerifiedTokenCache<>(builder.cacheSize, builder.cacheTtl.toMillis());
        this.realm = builder.realm;
    }

    /** A builder; algorithms, keys, issuers and audiences must be chosen. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The claims of {@code compactToken} (a JWS in compact serialization, without any {@code
     * Bearer } prefix), once it has passed every check.
     *
     * @throws InvalidTokenException when it fails one (never another exception for any input)
     * @throws KeysUnavailableException when the key source cannot tell the keys now (a 503)
     * @throws RuntimeException what the revocation list throws when its store is unreachable (a
     *     {@link dev.rigel.exceptions.DependencyUnavailable}, answered 503)
     */
    public Token verify(String compactToken) {
        if (compactToken == null || compactToken.isEmpty()) {
            throw refuse(Reason.MALFORMED);
        }
        if (compactToken.length() > maxTokenLength) {
            throw refuse(Reason.TOO_LONG);
        }
        Instant now = clock.instant();
        KeySet keySet = keys.keys();
        VerifiedTokenCache.Key cacheKey = null;
        if (cache != null) {
            cacheKey = VerifiedTokenCache.keyOf(compactToken);
            Token cached = cache.get(cacheKey, keySet, now);
            if (cached != null) {
                checkTime(cached, now);
                checkNotRevoked(cached);
                return cached;
            }
        }
        CompactJws jws = parse(compactToken);
        JwtAlgorithm algorithm = JwtAlgorithm.fromJoseName(jws.algorithm());
        checkType(jws);
        KeySet verifiedWith = checkSignature(jws, algorithm, keySet);
        Token token = readClaims(jws);
        checkClaims(token);
        checkTime(token, now);
        checkNotRevoked(token);
        if (cache != null) {
            cache.put(cacheKey, token, verifiedWith, token.expiresAt().orElse(null), now);
        }
        return token;
    }

    /** The realm named in this verifier's challenges, or null. */
    public String realm() {
        return realm;
    }

    private CompactJws parse(String compactToken) {
        try {
            return CompactJws.parse(compactToken, this::allowed);
        } catch (JoseFailure failure) {
            throw refuse(
                    failure.kind() == JoseFailure.Kind.ALGORITHM_NOT_ALLOWED
                            ? Reason.ALGORITHM_NOT_ALLOWED
                            : Reason.MALFORMED);
        }
    }

    private boolean allowed(String algorithmName) {
        JwtAlgorithm algorithm = JwtAlgorithm.fromJoseName(algorithmName);
        return algorithm != null && algorithms.contains(algorithm);
    }

    private void checkType(CompactJws jws) {
        if (type != null && (jws.type() == null || !type.equals(normalizedType(jws.type())))) {
            throw refuse(Reason.WRONG_TYPE);
        }
    }

    /** The key set whose key verified the signature (after a refresh, the refreshed one). */
    private KeySet checkSignature(CompactJws jws, JwtAlgorithm algorithm, KeySet keySet) {
        String keyId = jws.keyId();
        List<VerificationKey> candidates = keySet.candidates(algorithm, keyId);
        if (candidates.isEmpty()) {
            keySet = keys.refreshFor(keyId);
            candidates = keySet.candidates(algorithm, keyId);
            if (candidates.isEmpty()) {
                throw refuse(Reason.UNKNOWN_KEY);
            }
        }
        for (VerificationKey key : candidates) {
            if (JoseCrypto.verify(key.verifier(), jws)) {
                return keySet;
            }
        }
        throw refuse(Reason.BAD_SIGNATURE);
    }

    private Token readClaims(CompactJws jws) {
        try {
            return Token.fromClaims(jws.claims());
        } catch (JoseFailure | IllegalArgumentException e) {
            throw refuse(Reason.MALFORMED);
        }
    }

    private void checkClaims(Token token) {
        for (String claim : requiredClaims) {
            if (token.claim(claim).isEmpty()) {
                throw refuse(Reason.MISSING_CLAIM);
            }
        }
        if (issuers != null && !token.issuer().map(issuers::contains).orElse(false)) {
            throw refuse(Reason.WRONG_ISSUER);
        }
        if (audiences != null && token.audience().stream().noneMatch(audiences::contains)) {
            throw refuse(Reason.WRONG_AUDIENCE);
        }
    }

    private void checkTime(Token token, Instant now) {
        Instant expiresAt = token.expiresAt().orElse(null);
        // RFC 7519 §4.1.4: the current time must be before exp
        if (expiresAt != null && !now.isBefore(expiresAt.plus(leeway))) {
            throw refuse(Reason.EXPIRED);
        }
        Instant notBefore = token.notBefore().orElse(null);
        if (notBefore != null && now.isBefore(notBefore.minus(leeway))) {
            throw refuse(Reason.NOT_YET_VALID);
        }
    }

    private void checkNotRevoked(Token token) {
        if (revokedTokens != null && revokedTokens.isRevoked(token)) {
            throw refuse(Reason.REVOKED);
        }
    }

    private InvalidTokenException refuse(Reason reason) {
        return new InvalidTokenException(reason, realm);
    }

    /** {@code application/at+jwt} and {@code AT+JWT} are {@code at+jwt} (RFC 7515 §4.1.9). */
    private static String normalizedType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    /** Configures a {@link TokenVerifier}. */
    public static final class Builder {
        private final Set<JwtAlgorithm> algorithms = EnumSet.noneOf(JwtAlgorithm.class);
        private final List<VerificationKey> staticKeys = new ArrayList<>();
        private KeySource source;
        private Set<String> issuers;
        private boolean anyIssuer;
        private Set<String> audiences;
        private boolean anyAudience;
        private final Set<String> requiredClaims = new LinkedHashSet<>();
        private boolean requireExpiry = true;
        private String type;
        private Duration leeway = DEFAULT_LEEWAY;
        private InstantSource clock = Clock.systemUTC();
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
        private RevokedTokens revokedTokens;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private String realm;

        private Builder() {}

        /**
         * The algorithms a token may be signed with (required; say exactly which, so that a token
         * cannot choose a weaker one). A token with any other {@code alg} is refused before its
         * signature is looked at.
         */
        public Builder algorithms(JwtAlgorithm... algorithms) {
            for (JwtAlgorithm algorithm : algorithms) {
                this.algorithms.add(Objects.requireNonNull(algorithm, "algorithm"));
            }
            return this;
        }

        /** Fixed keys to verify with (not together with {@link #keySource}). */
        public Builder keys(VerificationKey... keys) {
            staticKeys.addAll(Arrays.asList(keys));
            return this;
        }

        /** Fixed keys to verify with (not together with {@link #keySource}). */
        public Builder keys(KeySet keys) {
            staticKeys.addAll(keys.keys());
            return this;
        }

        /** Keys that may change, such as a {@link JwksKeySource} (not together with {@link #keys}). */
        public Builder keySource(KeySource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The accepted issuers: a token's {@code iss} must be one of them (compared exactly). */
        public Builder issuer(String... issuers) {
            this.issuers = addAll(this.issuers, issuers);
            return this;
        }

        /** Accept tokens whatever their {@code iss} (or none): for keys that only one issuer holds. */
        public Builder anyIssuer() {
            this.anyIssuer = true;
            return this;
        }

        /** The accepted audiences: a token's {@code aud} must name at least one of them. */
        public Builder audience(String... audiences) {
            this.audiences = addAll(this.audiences, audiences);
            return this;
        }

        /**
         * Accept tokens whatever their {@code aud} (or none). Only where the issuer makes tokens for
         * this service alone: otherwise a token issued for another service is accepted here too.
         */
        public Builder anyAudience() {
            this.anyAudience = true;
            return this;
        }

        /** Claims a token must have (any non-null value), e.g. {@code jti} when relying on revocation. */
        public Builder requireClaims(String... claims) {
            for (String claim : claims) {
                requiredClaims.add(Objects.requireNonNull(claim, "claim"));
            }
            return this;
        }

        /**
         * Whether a token must have {@code exp} (default true: a token without one is valid forever,
         * which RFC 9068 rules out for access tokens).
         */
        public Builder requireExpiry(boolean requireExpiry) {
            this.requireExpiry = requireExpiry;
            return this;
        }

        /**
         * The {@code typ} header a token must have, e.g. {@code at+jwt} for OAuth access tokens (RFC
         * 9068 §2.1), compared without case and with or without {@code application/}. Default: any
         * type, or none.
         */
        public Builder requireType(String type) {
            this.type = normalizedType(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * How far the clocks of issuer and verifier may disagree: a token is accepted until {@code
         * exp} plus this, and from {@code nbf} minus this (default {@link #DEFAULT_LEEWAY}, at most
         * five minutes). Keep revocation entries at least this long past expiry.
         */
        public Builder leeway(Duration leeway) {
            if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("leeway must be between 0 and 5 minutes, got " + leeway);
            }
            this.leeway = leeway;
            return this;
        }

        /** Where the time comes from (default the system clock). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The longest token accepted, in characters (default {@link #DEFAULT_MAX_TOKEN_LENGTH}). */
        public Builder maxTokenLength(int maxTokenLength) {
            if (maxTokenLength < 64) {
                throw new IllegalArgumentException("maxTokenLength must be at least 64, got " + maxTokenLength);
            }
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        /** The revocation list asked about every token (default none). */
        public Builder revokedTokens(RevokedTokens revokedTokens) {
            this.revokedTokens = Objects.requireNonNull(revokedTokens, "revokedTokens");
            return this;
        }

        /**
         * Sizes the verified-token cache: at most {@code maxEntries} tokens, each kept at most
         * {@code maxTtl} (and never past its {@code exp}). Defaults {@link #DEFAULT_CACHE_SIZE} and
         * {@link #DEFAULT_CACHE_TTL}.
         */
        public Builder cache(int maxEntries, Duration maxTtl) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be positive (noCache() turns the cache off)");
            }
            if (maxTtl.isNegative() || maxTtl.isZero()) {
                throw new IllegalArgumentException("maxTtl must be positive, got " + maxTtl);
            }
            this.cacheSize = maxEntries;
            this.cacheTtl = maxTtl;
            return this;
        }

        /** Turns the verified-token cache off: every token is parsed and its signature checked. */
        public Builder noCache() {
            this.cacheSize = 0;
            return this;
        }

        /** The {@code realm} of the {@code WWW-Authenticate} challenges (default none). */
        public Builder realm(String realm) {
            InvalidTokenException.checkRealm(realm);
            this.realm = realm;
            return this;
        }

        /**
         * The verifier.
         *
         * @throws IllegalStateException when algorithms, keys, issuers or audiences were not chosen,
         *     or fixed keys leave an allowed algorithm without a key
         */
        public TokenVerifier build() {
            if (algorithms.isEmpty()) {
                throw new IllegalStateException(
                        "Say which algorithms tokens may be signed with: algorithms(JwtAlgorithm.RS256)");
            }
            if (source == null && staticKeys.isEmpty()) {
                throw new IllegalStateException(
                        "Give the keys to verify with: keys(VerificationKey...) or keySource(...)");
            }
            if (source != null && !staticKeys.isEmpty()) {
                throw new IllegalStateException("Use either fixed keys or a key source, not both");
            }
            if (issuers == null && !anyIssuer) {
                throw new IllegalStateException(
                        "Say which issuers are accepted: issuer(\"https://idp.example.com/\"), or anyIssuer() if any will do");
            }
            if (audiences == null && !anyAudience) {
                throw new IllegalStateException(
                        "Say which audiences are accepted: audience(\"my-api\"), or anyAudience() if any will do");
            }
            if (issuers != null && anyIssuer || audiences != null && anyAudience) {
                throw new IllegalStateException(
                        "issuer(...) and anyIssuer(), or audience(...) and anyAudience(), contradict each other");
            }
            for (JwtAlgorithm algorithm : algorithms) {
                if (source == null && staticKeys.stream().noneMatch(key -> key.verifies(algorithm))) {
                    throw new IllegalStateException(algorithm.joseName()
                            + " is allowed but none of the keys verifies it (keys verify only their own family: an HMAC"
                            + " secret HS*, an RSA key RS256, an EC P-256 key ES256, an Ed25519 key EdDSA)");
                }
            }
            return new TokenVerifier(this);
        }

        private KeySource keySource() {
            return source != null ? source : KeySource.of(KeySet.of(staticKeys));
        }

        private List<String> requiredClaims() {
            Set<String> claims = new LinkedHashSet<>();
            if (requireExpiry) {
                claims.add("exp");
            }
            claims.addAll(requiredClaims);
            return new ArrayList<>(claims);
        }

        private static Set<String> addAll(Set<String> to, String[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("name at least one");
            }
            Set<String> set = to == null ? new LinkedHashSet<>() : to;
            for (String value : values) {
                set.add(Objects.requireNonNull(value));
            }
            return set;
        }
    }
}

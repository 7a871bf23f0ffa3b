package dev.rigel.security.jwt;

/**
 * The signature algorithms Rigel signs and verifies JWTs with (RFC 7518, RFC 8037). {@code none}
 * is not among them, so no configuration can accept an unsigned token.
 *
 * <p>Each algorithm belongs to one key family, and a key verifies only the algorithms of its own
 * family: an HMAC secret never checks an RS256 token and an RSA public key never serves as an
 * HS256 secret (the "algorithm confusion" attack).
 */
public enum JwtAlgorithm {
    /** HMAC with SHA-256; the secret must have at least 32 bytes. */
    HS256("HS256", Family.HMAC, 32),
    /** HMAC with SHA-384; the secret must have at least 48 bytes. */
    HS384("HS384", Family.HMAC, 48),
    /** HMAC with SHA-512; the secret must have at least 64 bytes. */
    HS512("HS512", Family.HMAC, 64),
    /** RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of at least 2048 bits. */
    RS256("RS256", Family.RSA, 0),
    /** ECDSA on the P-256 curve with SHA-256. */
    ES256("ES256", Family.EC_P256, 0),
    /** EdDSA on the Ed25519 curve (RFC 8037), signed and verified with the JDK's own EdDSA. */
    EdDSA("EdDSA", Family.ED25519, 0);

    /** The kinds of keys; a key of one family verifies only that family's algorithms. */
    enum Family {
        HMAC,
        RSA,
        EC_P256,
        ED25519
    }

    /** {@code values()} copies its array on every call; this runs twice per verification. */
    private static final JwtAlgorithm[] ALL = values();

    private final String joseName;
    private final Family family;
    private final int minSecretBytes;

    JwtAlgorithm(String joseName, Family family, int minSecretBytes) {
        this.joseName = joseName;
        this.family = family;
        this.minSecretBytes = minSecretBytes;
    }

    /** The name in a token's {@code alg} header, e.g. {@code HS256} or {@code EdDSA}. */
    public String joseName() {
        return joseName;
    }

    /** Whether this is an HMAC algorithm (a shared secret rather than a key pair). */
    public boolean isHmac() {
        return family == Family.HMAC;
    }

    Family family() {
        return family;
    }

    /** For HMAC: the hash size in bytes, the shortest secret RFC 7518 §3.2 allows; else 0. */
    int minSecretBytes() {
        return minSecretBytes;
    }

    /** The algorithm named {@code name} in an {@code alg} header, or null for any other (and for {@code none}). */
    static JwtAlgorithm fromJoseName(String name) {
        for (JwtAlgorithm algorithm : ALL) {
            if (algorithm.joseName.equals(name)) {
                return algorithm;
            }
        }
        return null;
    }
}

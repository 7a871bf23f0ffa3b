package dev.rigel.security.jwt;

import com.nimbusds.jose.JWSVerifier;
import dev.rigel.security.SecretBytes;
import dev.rigel.security.SecretString;
import dev.rigel.security.jwt.JwtAlgorithm.Family;
import dev.rigel.security.jwt.internal.Ed25519Jdk;
import dev.rigel.security.jwt.internal.JoseCrypto;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A key that checks token signatures: a shared HMAC secret, or an RSA (2048 bits or more), EC P-256
 * or Ed25519 public key; optionally with a key id ({@code kid}) that tokens name it by.
 *
 * <p>A key verifies only the algorithms of its own family ({@link #algorithms()}): an RSA public
 * key is never used as an HMAC secret, which is what makes the "HS256 signed with the public key"
 * forgery fail. An HMAC key is bound to one algorithm, since its minimum length depends on it.
 *
 * <pre>{@code
 * VerificationKey.hmac(JwtAlgorithm.HS256, SecretString.of(System.getenv("JWT_SECRET")));
 * VerificationKey.of(rsaPublicKey).withKeyId("2024-06");
 * }</pre>
 */
public final class VerificationKey {

    private final Family family;
    private final Set<JwtAlgorithm> algorithms;
    private final String keyId;
    private final PublicKey publicKey;
    private final SecretBytes secret;
    private final JWSVerifier verifier;

    private VerificationKey(
            Family family,
            Set<JwtAlgorithm> algorithms,
            String keyId,
            PublicKey publicKey,
            SecretBytes secret,
            JWSVerifier verifier) {
        this.family = family;
        this.algorithms = Set.copyOf(algorithms);
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.secret = secret;
        this.verifier = verifier;
    }

    /**
     * An HMAC secret for {@code algorithm} (HS256, HS384 or HS512).
     *
     * @throws IllegalArgumentException when {@code algorithm} is not HMAC, or the secret is shorter
     *     than the algorithm's hash (32, 48 or 64 bytes; RFC 7518 §3.2)
     */
    public static VerificationKey hmac(JwtAlgorithm algorithm, SecretBytes secret) {
        checkHmacSecret(algorithm, secret);
        // Nimbus' verifier keeps this array as its key (no copy), so it must not be wiped here
        byte[] bytes = secret.reveal();
        return new VerificationKey(
                Family.HMAC, EnumSet.of(algorithm), null, null, SecretBytes.of(bytes), JoseCrypto.hmacVerifier(bytes));
    }

    /** An HMAC secret for {@code algorithm}, as the secret's UTF-8 bytes; see {@link #hmac(JwtAlgorithm, SecretBytes)}. */
    public static VerificationKey hmac(JwtAlgorithm algorithm, SecretString secret) {
        return hmac(algorithm, secret.toBytes());
    }

    /**
     * A public key: RSA (of at least 2048 bits) verifies RS256, EC on P-256 verifies ES256, Ed25519
     * verifies EdDSA.
     *
     * @throws IllegalArgumentException for any other key (a smaller RSA key, another curve, Ed448)
     */
    public static VerificationKey of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof RSAPublicKey rsa) {
            checkRsaSize(rsa.getModulus().bitLength());
            return new VerificationKey(
                    Family.RSA, EnumSet.of(JwtAlgorithm.RS256), null, key, null, JoseCrypto.rsaVerifier(rsa));
        }
        if (key instanceof ECPublicKey ec) {
            if (!JoseCrypto.isP256(ec)) {
                throw new IllegalArgumentException("only EC keys on P-256 are supported (ES256)");
            }
            return new VerificationKey(
                    Family.EC_P256, EnumSet.of(JwtAlgorithm.ES256), null, key, null, JoseCrypto.ecVerifier(ec));
        }
        if (Ed25519Jdk.isEd25519(key)) {
            return new VerificationKey(
                    Family.ED25519, EnumSet.of(JwtAlgorithm.EdDSA), null, key, null, Ed25519Jdk.verifier(key));
        }
        throw new IllegalArgumentException("unsupported public key " + key.getAlgorithm()
                + ": use an RSA (2048 bits or more), EC P-256 or Ed25519 key");
    }

    /** This key with key id {@code keyId}: a token naming a key id is checked only by keys with that id. */
    public VerificationKey withKeyId(String keyId) {
        return new VerificationKey(
                family, algorithms, Objects.requireNonNull(keyId, "keyId"), publicKey, secret, verifier);
    }

    /**
     * This key restricted to {@code algorithm} (as a JWK's {@code alg} restricts it).
     *
     * @throws IllegalArgumentException when the key cannot verify {@code algorithm} at all
     */
    public VerificationKey restrictedTo(JwtAlgorithm algorithm) {
        if (!algorithms.contains(algorithm)) {
            throw new IllegalArgumentException("a " + this + " cannot verify " + algorithm.joseName());
        }
        return new VerificationKey(family, EnumSet.of(algorithm), keyId, publicKey, secret, verifier);
    }

    /** The key id, if the key has one. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** The algorithms this key verifies. */
    public Set<JwtAlgorithm> algorithms() {
        return algorithms;
    }

    /** The public key; empty for an HMAC secret. */
    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    boolean verifies(JwtAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    JWSVerifier verifier() {
        return verifier;
    }

    static void checkHmacSecret(JwtAlgorithm algorithm, SecretBytes secret) {
        Objects.requireNonNull(secret, "secret");
        if (!algorithm.isHmac()) {
            throw new IllegalArgumentException(algorithm.joseName() + " is not an HMAC algorithm");
        }
        if (secret.length() < algorithm.minSecretBytes()) {
            throw new IllegalArgumentException(algorithm.joseName() + " needs a secret of at least "
                    + algorithm.minSecretBytes() + " bytes (" + algorithm.minSecretBytes() * 8
                    + " bits, the size of its hash; RFC 7518 §3.2), but this one has " + secret.length()
                    + ". Use random bytes, e.g. from `openssl rand -base64 " + algorithm.minSecretBytes() + "`");
        }
    }

    static void checkRsaSize(int bits) {
        if (bits < 2048) {
            throw new IllegalArgumentException(
                    "RSA keys must have at least 2048 bits (RFC 7518 §3.3), this one has " + bits);
        }
    }

    /** Equal when family, algorithms, key id and key material are (secrets compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationKey key
                && family == key.family
                && algorithms.equals(key.algorithms)
                && Objects.equals(keyId, key.keyId)
                && Objects.equals(publicKey, key.publicKey)
                && Objects.equals(secret, key.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, algorithms, keyId, publicKey);
    }

    /** The algorithms and key id; never key material. */
    @Override
    public String toString() {
        return "VerificationKey[" + algorithms + (keyId == null ? "" : ", kid=" + keyId) + "]";
    }
}

package dev.rigel.security.jwt;

import dev.rigel.security.jwt.internal.JwkSetReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The keys a {@link TokenVerifier} may check a token's signature with, at one moment. Immutable: a
 * source whose keys change (a JWKS endpoint after a rotation) hands out a new set, and only then,
 * so that "the same set" can be told by identity (the verified-token cache drops what an older set
 * verified).
 */
public final class KeySet {

    private final List<VerificationKey> keys;

    private KeySet(List<VerificationKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A set of these keys. */
    public static KeySet of(VerificationKey... keys) {
        return of(Arrays.asList(keys));
    }

    /** A set of these keys. */
    public static KeySet of(Collection<VerificationKey> keys) {
        keys.forEach(key -> Objects.requireNonNull(key, "key"));
        return new KeySet(new ArrayList<>(keys));
    }

    /**
     * The signature keys of a JWK Set document (RFC 7517 §5): RSA (2048 bits or more), EC P-256 and
     * Ed25519 keys, each with its {@code kid}, and restricted to its {@code alg} when it names one.
     * Keys not meant for signatures ({@code use} other than {@code sig}, {@code key_ops} without
     * {@code verify}), of other types or curves, or naming an algorithm Rigel does not verify are
     * left out.
     *
     * @throws IllegalArgumentException when the document is not a JWK Set, or holds no usable key
     */
    public static KeySet fromJwks(String json) {
        return fromJwks(JwkSetReader.read(json), new ArrayList<>());
    }

    /** As {@link #fromJwks(String)}, adding why each left-out key was left out to {@code skipped}. */
    static KeySet fromJwks(JwkSetReader.Result read, List<String> skipped) {
        skipped.addAll(read.skipped());
        List<VerificationKey> keys = new ArrayList<>();
        for (JwkSetReader.Entry entry : read.keys()) {
            String label = entry.keyId() == null ? "a key without kid" : "kid " + entry.keyId();
            try {
                VerificationKey key = VerificationKey.of(entry.key());
                if (entry.algorithm() != null) {
                    JwtAlgorithm algorithm = JwtAlgorithm.fromJoseName(entry.algorithm());
                    if (algorithm == null) {
                        skipped.add(label + ": algorithm " + entry.algorithm() + " is not supported");
                        continue;
                    }
                    key = key.restrictedTo(algorithm);
                }
                keys.add(entry.keyId() == null ? key : key.withKeyId(entry.keyId()));
            } catch (IllegalArgumentException e) {
                skipped.add(label + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWK Set holds no usable signature key"
                    + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
        }
        return new KeySet(keys);
    }

    /** The keys, in the order given. */
    public List<VerificationKey> keys() {
        return keys;
    }

    /**
     * The keys that may have signed a token with {@code algorithm} and key id {@code keyId} (null:
     * the token names none): of those that verify the algorithm, the ones with that key id, else
     * the ones without any key id (a key configured without an id answers to every id). A token
     * without a key id is tried against every key of its algorithm.
     */
    List<VerificationKey> candidates(JwtAlgorithm algorithm, String keyId) {
        List<VerificationKey> named = new ArrayList<>(1);
        List<VerificationKey> unnamed = new ArrayList<>(1);
        for (VerificationKey key : keys) {
            if (!key.verifies(algorithm)) {
                continue;
            }
            String id = key.keyId().orElse(null);
            if (keyId == null || id == null) {
                unnamed.add(key);
            } else if (id.equals(keyId)) {
                named.add(key);
            }
        }
        return keyId != null && !named.isEmpty() ? named : unnamed;
    }

    /** Equal when both hold the same keys, in any order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof KeySet set
                && keys.size() == set.keys.size()
                && new HashSet<>(keys).equals(new HashSet<>(set.keys));
    }

    @Override
    public int hashCode() {
        return new HashSet<>(keys).hashCode();
    }

    @Override
    public String toString() {
        return "KeySet" + keys;
    }
}

package dev.rigel.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret bytes (a signing key, an encryption key) that do not leak by accident: {@code toString()}
 * and Jackson show {@value SecretString#MASK}, equality is compared in constant time, and the
 * bytes are copied in and out so no caller can change them. Only {@link #reveal()} gives them.
 */
public final class SecretBytes {

    private final byte[] value;

    private SecretBytes(byte[] value) {
        this.value = value;
    }

    /** A copy of {@code value} (not null). */
    public static SecretBytes of(byte[] value) {
        return new SecretBytes(
                Objects.requireNonNull(value, "a secret cannot be null").clone());
    }

    /** A copy of the secret bytes: the one way to read them. */
    public byte[] reveal() {
        return value.clone();
    }

    /** How many bytes the secret has (not secret: a key's size is public). */
    public int length() {
        return value.length;
    }

    /** Whether {@code candidate} holds the same bytes, compared in constant time; null matches nothing. */
    public boolean matches(byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(value, candidate);
    }

    /** The mask, never the bytes (also what Jackson writes). */
    @JsonValue
    @Override
    public String toString() {
        return SecretString.MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretBytes secret && matches(secret.value);
    }

    /** The same for every secret: a hash would tell something about the value. */
    @Override
    public int hashCode() {
        return 0;
    }

    /** Overwrites the bytes with zeros, for a key that is no longer needed. */
    public void destroy() {
        Arrays.fill(value, (byte) 0);
    }
}

package dev.rigel.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret text (a password, an API token, a signing secret) that does not leak by accident: its
 * {@code toString()}, and so every log line and exception message it lands in, is {@code
 * "**********"}, and Jackson writes it as that mask too. Only {@link #reveal()} gives the value.
 * Two secrets are compared in constant time ({@link #matches}), so how long a comparison takes
 * says nothing about how much of it matched.
 *
 * <pre>{@code
 * SecretString token = SecretString.of(System.getenv("API_TOKEN"));
 * log.info("token {}", token);            // token **********
 * if (token.matches(presented)) { ... }   // constant time
 * }</pre>
 */
public final class SecretString {

    /** What a secret shows instead of itself. */
    public static final String MASK = "**********";

    private final String value;
    /** The value as UTF-8, made once: a static API token is compared on every request. */
    private final byte[] utf8;

    private SecretString(String value) {
        this.value = value;
        this.utf8 = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Wraps {@code value} (not null). */
    public static SecretString of(String value) {
        return new SecretString(Objects.requireNonNull(value, "a secret cannot be null"));
    }

    /** The secret itself: the one way to read it, for the code that must use it. */
    public String reveal() {
        return value;
    }

    /** The secret as UTF-8 bytes. */
    public SecretBytes toBytes() {
        return SecretBytes.of(utf8);
    }

    /** Whether the secret is empty. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * Whether {@code candidate} is this secret, in time that depends only on the lengths, never on
     * how many leading characters agree; null matches nothing.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(utf8, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code other} holds the same secret, compared in constant time. */
    public boolean matches(SecretString other) {
        return other != null && MessageDigest.isEqual(utf8, other.utf8);
    }

    /** The mask, never the secret (also what Jackson writes). */
    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }

    /** Equal when the secrets are, compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretString secret && matches(secret);
    }

    /** The same for every secret: a hash would tell something about the value. */
    @Override
    public int hashCode() {
        return 0;
    }
}

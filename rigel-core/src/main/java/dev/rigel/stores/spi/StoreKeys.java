package dev.rigel.stores.spi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How stores that keep every namespace in one flat key space (memory, Redis) spell a key. A
 * namespace chain {@code a → b} and a key {@code k} become {@code a:b:k}; {@code ':'} and
 * {@code '%'} inside a namespace or key are percent-escaped, so a key {@code "b:k"} in namespace
 * {@code a} can never be mistaken for key {@code k} in namespace {@code a → b} (and be removed by
 * that namespace's deleteAll).
 */
public final class StoreKeys {

    private StoreKeys() {}

    /** The prefix of a namespace nested in {@code parentPrefix} (itself "" or ending in ':'). */
    public static String namespacePrefix(String parentPrefix, String namespace) {
        return parentPrefix + escape(requireName(namespace, "namespace")) + ":";
    }

    /** The flat key of {@code key} under {@code prefix}. */
    public static String flatKey(String prefix, String key) {
        return prefix + escape(requireKey(key));
    }

    public static String requireKey(String key) {
        return requireName(key, "key");
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A store " + what + " must not be empty");
        }
        return name;
    }

    static String escape(String text) {
        if (text.indexOf(':') < 0 && text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ':' -> out.append("%3A");
                case '%' -> out.append("%25");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Rejects expiries a store could not honour; {@code null} (never expires) passes. */
    public static Duration requireExpiry(Duration expiresIn, String what) {
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
            throw new IllegalArgumentException(what + " must be positive, or null for no expiry: " + expiresIn);
        }
        return expiresIn;
    }

    /** The counter after {@code current}; fails clearly when the key holds something else. */
    public static long nextCount(byte[] current, String key) {
        try {
            return Math.addExact(Long.parseLong(new String(current, StandardCharsets.US_ASCII)), 1);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalStateException("Store key '" + key + "' does not hold a counter", e);
        }
    }

    public static byte[] countBytes(long count) {
        return Long.toString(count).getBytes(StandardCharsets.US_ASCII);
    }
}

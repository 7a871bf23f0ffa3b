package dev.rigel.stores.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File names for {@code FileStore} keys and namespaces. Every byte outside {@code [a-z0-9._-]} is
 * percent-escaped, upper-case letters included, so two keys never share a file even on
 * case-insensitive file systems; names too long for a file system get a SHA-256 instead. The
 * {@code k_}, {@code h_} and {@code n_} prefixes keep keys, hashed keys and namespace directories
 * apart, and away from the store's own {@code .tmp-} files.
 */
public final class FileNames {

    private static final int MAX_READABLE = 200;

    private FileNames() {}

    public static String forKey(String key) {
        String readable = encode(key);
        return readable.length() <= MAX_READABLE ? "k_" + readable : "h_" + sha256(key);
    }

    public static String forNamespace(String namespace) {
        String readable = encode(namespace);
        return "n_" + (readable.length() <= MAX_READABLE ? readable : "h_" + sha256(namespace));
    }

    /** Whether {@code name} is one of the store's own files, so deleteAll leaves anything else alone. */
    public static boolean isStoreFile(String name) {
        return name.startsWith("k_") || name.startsWith("h_") || name.startsWith(".tmp-");
    }

    public static boolean isNamespaceDirectory(String name) {
        return name.startsWith("n_");
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

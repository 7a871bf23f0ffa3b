package dev.rigel.examples.seed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with 600,000 iterations (OWASP's figure for it) and a
 * random 16-byte salt, stored as {@code pbkdf2-sha256$iterations$salt$hash}; the JDK has the
 * algorithm, so the seed needs no library for it. Hashes of the older salted-SHA-256 form ({@code
 * sha256$salt$hash}, from databases made before logins existed) still verify.
 */
final class PasswordHasher {

    static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256$";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** Hashed once, when first needed: what a login for an unknown email checks its password against. */
    private static final class Nobody {
        static final String HASH = hash("the password of no account");
    }

    private PasswordHasher() {}

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + ITERATIONS + "$" + HEX.formatHex(salt) + "$"
                + HEX.formatHex(pbkdf2(password, salt, ITERATIONS));
    }

    /** Whether {@code password} is the one {@code stored} was made from; compared in constant time. */
    static boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        byte[] expected;
        byte[] actual;
        if (parts.length == 4 && stored.startsWith(PREFIX)) {
            expected = HEX.parseHex(parts[3]);
            actual = pbkdf2(password, HEX.parseHex(parts[2]), Integer.parseInt(parts[1]));
        } else if (parts.length == 3 && parts[0].equals("sha256")) {
            expected = HEX.parseHex(parts[2]);
            actual = sha256(password, HEX.parseHex(parts[1]));
        } else {
            throw new IllegalStateException("Unknown password hash format");
        }
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Spends the time a real check would, for a login whose email matches no account, so that the
     * answer's timing does not tell which emails have accounts.
     */
    static void verifyAgainstNobody(String password) {
        verify(password, Nobody.HASH);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] sha256(String password, byte[] salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

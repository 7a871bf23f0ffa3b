package dev.rigel.middleware.csrf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks CSRF tokens. A token is 128 lower-case hex characters: 32 random bytes, then
 * the HMAC-SHA256 of those bytes under the secret (as Litestar: a random value and its signature,
 * both hex). The signature lets the middleware refuse a cookie it did not issue, e.g. one planted
 * by a sibling subdomain, without keeping any server-side state. Thread-safe.
 */
final class CsrfTokens {

    static final int RANDOM_BYTES = 32;
    static final int MAC_BYTES = 32;
    /** The length of every well-formed token, in characters. */
    public static final int TOKEN_LENGTH = 2 * (RANDOM_BYTES + MAC_BYTES);

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final Mac prototype;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.prototype = newMac();
    }

    /** A fresh, signed token. */
    public String generate() {
        byte[] value = new byte[RANDOM_BYTES];
        random.nextBytes(value);
        return HEX.formatHex(value) + HEX.formatHex(sign(value));
    }

    /** Whether {@code token} is well formed and carries a valid signature; never throws. */
    public boolean isValid(String token) {
        if (token == null || token.length() != TOKEN_LENGTH || !isLowerHex(token)) {
            return false;
        }
        byte[] value = HEX.parseHex(token, 0, 2 * RANDOM_BYTES);
        byte[] signature = HEX.parseHex(token, 2 * RANDOM_BYTES, TOKEN_LENGTH);
        return MessageDigest.isEqual(sign(value), signature);
    }

    /**
     * Whether the submitted token equals the cookie's, compared in constant time so response
     * timing reveals nothing about how much of a guess was right. The lengths are not secret.
     */
    public static boolean matches(String submitted, String cookieToken) {
        if (submitted == null || cookieToken == null || submitted.length() != cookieToken.length()) {
            return false;
        }
        return MessageDigest.isEqual(
                submitted.getBytes(StandardCharsets.UTF_8), cookieToken.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] sign(byte[] value) {
        Mac mac;
        try {
            // Mac objects are not thread-safe; a clone of an initialised one is the cheap way to get another
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        return mac.doFinal(value);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static boolean isLowerHex(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}

package dev.rigel.postgres.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The PostgreSQL channel a Rigel channel is sent on. {@code LISTEN} takes an identifier, which
 * PostgreSQL silently truncates to 63 bytes (so two long names could collide) and which must be
 * quoted for most characters; a hash sidesteps both: {@code rigel_} and the first 40 hex digits
 * (160 bits) of SHA-256 over the prefix and the name, the same on every instance.
 */
public final class ChannelIdentifiers {

    private static final int HEX_DIGITS = 40;

    private ChannelIdentifiers() {}

    public static String identifierFor(String prefix, String channel) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((prefix + channel).getBytes(StandardCharsets.UTF_8));
            return "rigel_" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    /** {@code identifier} quoted for SQL (ours hold only [a-z0-9_], so this is belt and braces). */
    public static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

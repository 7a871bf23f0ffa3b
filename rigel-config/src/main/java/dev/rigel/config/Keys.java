package dev.rigel.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a setting's key is spelled in each source. Keys are dotted, lower-case and dash-separated
 * ({@code server.max-body-size}); files may also write a segment in camel case or with
 * underscores ({@code maxBodySize}, {@code max_body_size}), as Spring's relaxed binding allows;
 * the environment variable is {@code SERVER_MAX_BODY_SIZE} and the flag {@code --server.max-body-size}.
 */
final class Keys {

    private static final Pattern SECRET_SEGMENT = Pattern.compile(".*(password|secret|token|credential).*|.*key");
    private static final Pattern URL_PASSWORD = Pattern.compile("(^[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:)[^@/]*@");

    private Keys() {}

    /** One segment in canonical form: {@code maxBodySize}, {@code max_body_size} → {@code max-body-size}. */
    public static String canonicalSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 4);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0
                        && out.length() > 0
                        && out.charAt(out.length() - 1) != '-'
                        && !Character.isUpperCase(segment.charAt(i - 1))) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else if (c == '_') {
                out.append('-');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole dotted key in canonical form. */
    public static String canonical(String key) {
        String[] segments = key.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(canonicalSegment(segment));
        }
        return out.toString();
    }

    /** The environment variable for a key: {@code server.max-body-size} → {@code SERVER_MAX_BODY_SIZE}. */
    public static String environmentVariable(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The flag for a key: {@code --server.port}. */
    public static String flag(String key) {
        return "--" + key;
    }

    /** Whether a key names a secret by its last segment (password, secret, token, credential, …key). */
    public static boolean secretByName(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return SECRET_SEGMENT.matcher(last).matches();
    }

    /** A value as it may be printed: a password inside a URL ({@code redis://:pw@host}) is masked. */
    public static String printable(String value) {
        return URL_PASSWORD.matcher(value).replaceFirst("$1*****@");
    }
}

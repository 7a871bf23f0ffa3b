package dev.rigel.spi;

import java.util.Set;

/** Masks the values of secret query parameters (tokens, signatures) before a query string is logged or traced. */
public final class QueryRedaction {

    private QueryRedaction() {}

    /**
     * {@code raw} with the value of every parameter named in {@code names} replaced by {@code
     * mask}; names are compared as sent (a percent-encoded name is not decoded to match), and the
     * rest of the string is kept byte for byte.
     */
    public static String redact(String raw, Set<String> names, String mask) {
        if (raw == null || raw.isEmpty() || names.isEmpty()) {
            return raw;
        }
        StringBuilder out = null;
        int start = 0;
        while (true) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            int equals = raw.indexOf('=', start);
            if (equals >= 0 && equals < end && names.contains(raw.substring(start, equals))) {
                if (out == null) {
                    out = new StringBuilder(raw.length()).append(raw, 0, start);
                }
                out.append(raw, start, equals + 1).append(mask);
            } else if (out != null) {
                out.append(raw, start, end);
            }
            if (end == raw.length()) {
                return out == null ? raw : out.toString();
            }
            if (out != null) {
                out.append('&');
            }
            start = end + 1;
        }
    }
}

package dev.rigel.middleware.compression;

import dev.rigel.middleware.compression.CompressionConfig.Algorithm;
import java.util.List;
import java.util.Locale;

/**
 * Picks a content coding from {@code Accept-Encoding} (RFC 9110 §12.5.3): the highest q-value
 * wins, {@code q=0} rules a coding out, {@code *} stands for every coding not named, and ties go
 * to the server's order. A client that rates {@code identity} above every offered coding gets
 * the body as it is. Anything malformed means "no compression": a bad header must never turn
 * into an error response.
 */
final class AcceptEncoding {

    /** Longer headers are not worth parsing; real ones are a few dozen bytes. */
    private static final int MAX_LENGTH = 1024;

    private static final int UNSET = -1;

    private AcceptEncoding() {}

    /** The coding to use among {@code offered} (in server order), or null for none. */
    public static Algorithm choose(String header, List<Algorithm> offered) {
        if (header == null || header.isEmpty() || header.length() > MAX_LENGTH || offered.isEmpty()) {
            return null;
        }
        int[] quality = new int[Algorithm.values().length];
        java.util.Arrays.fill(quality, UNSET);
        int star = UNSET;
        int identity = UNSET;
        for (String element : header.split(",", -1)) {
            String trimmed = element.trim();
            if (trimmed.isEmpty()) {
                continue; // "gzip, , br" and trailing commas are allowed by the list syntax
            }
            int semicolon = trimmed.indexOf(';');
            String coding = (semicolon < 0 ? trimmed : trimmed.substring(0, semicolon))
                    .trim()
                    .toLowerCase(Locale.ROOT);
            int q = semicolon < 0 ? 1000 : quality(trimmed.substring(semicolon + 1));
            if (q == UNSET || !isToken(coding)) {
                return null;
            }
            switch (coding) {
                case "*" -> star = q;
                case "identity" -> identity = q;
                case "x-gzip" -> quality[Algorithm.GZIP.ordinal()] = Math.max(quality[Algorithm.GZIP.ordinal()], q);
                default -> {
                    for (Algorithm algorithm : offered) {
                        if (algorithm.token().equals(coding)) {
                            quality[algorithm.ordinal()] = q;
                        }
                    }
                }
            }
        }
        Algorithm best = null;
        int bestQ = 0;
        for (Algorithm algorithm : offered) {
            int q = quality[algorithm.ordinal()] != UNSET ? quality[algorithm.ordinal()] : Math.max(star, 0);
            if (q > bestQ) {
                best = algorithm;
                bestQ = q;
            }
        }
        // identity is acceptable by default but never preferred unless the client says so
        if (best != null && identity != UNSET && identity > bestQ) {
            return null;
        }
        return best;
    }

    /** The q-value of a parameter list like {@code q=0.5} in thousandths, or UNSET if malformed. */
    private static int quality(String parameters) {
        int q = 1000;
        for (String parameter : parameters.split(";", -1)) {
            String trimmed = parameter.trim();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                return UNSET;
            }
            String name = trimmed.substring(0, equals).trim();
            if (!name.equalsIgnoreCase("q")) {
                continue; // other parameters carry no meaning for content codings
            }
            q = parseQ(trimmed.substring(equals + 1).trim());
            if (q == UNSET) {
                return UNSET;
            }
        }
        return q;
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}, in thousandths. */
    private static int parseQ(String text) {
        if (text.isEmpty() || text.length() > 5 || (text.charAt(0) != '0' && text.charAt(0) != '1')) {
            return UNSET;
        }
        int whole = text.charAt(0) - '0';
        if (text.length() == 1) {
            return whole * 1000;
        }
        if (text.charAt(1) != '.') {
            return UNSET;
        }
        int fraction = 0;
        int scale = 100;
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return UNSET;
            }
            fraction += (c - '0') * scale;
            scale /= 10;
        }
        if (whole == 1 && fraction != 0) {
            return UNSET;
        }
        return whole * 1000 + fraction;
    }

    private static boolean isToken(String coding) {
        if (coding.isEmpty()) {
            return false;
        }
        for (int i = 0; i < coding.length(); i++) {
            char c = coding.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}

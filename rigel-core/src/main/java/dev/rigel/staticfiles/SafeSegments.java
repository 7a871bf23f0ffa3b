package dev.rigel.staticfiles;

import dev.rigel.protocol.PathDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw (still percent-encoded) part of a request path below a static files route into
 * file name segments, or refuses it. Each raw segment is decoded on its own, so an encoded
 * {@code %2F} or {@code %5C} cannot smuggle a separator into a name, and a segment is refused
 * when, decoded, it is {@code .} or {@code ..}, contains {@code /} or {@code \} (a separator on
 * some file system), a control character (NUL ends strings in native code; CR/LF have no place in
 * a file name), or, unless hidden files are allowed, starts with a dot ({@code .env},
 * {@code .git}). Decoding happens exactly once: {@code %252e%252e} names a file literally called
 * {@code %2e%2e}, never the parent directory. Empty segments ({@code a//b}, a trailing slash) carry
 * no name and are skipped.
 */
final class SafeSegments {

    private SafeSegments() {}

    /** The decoded segments of {@code rawRest} ({@code css/site.css}), or null when any is refused. */
    public static List<String> of(String rawRest, boolean allowHidden) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawRest.split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment = PathDecoder.decode(raw);
            if (segment.equals(".") || segment.equals("..") || !plainName(segment)) {
                return null;
            }
            if (!allowHidden && segment.startsWith(".")) {
                return null;
            }
            segments.add(segment);
        }
        return segments;
    }

    private static boolean plainName(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}

package dev.rigel.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proactive content negotiation on {@code Accept} (RFC 9110 §12.5.1): which of the media types a
 * handler can produce the client prefers. For each offered type the most specific matching range
 * decides its quality ({@code text/html;level=1} over {@code text/html} over {@code text/*} over
 * {@code *}{@code /*}); the offered type with the highest quality above zero wins, ties going to the
 * order the server offered them in. No {@code Accept} header means anything is acceptable. A
 * malformed element is skipped (RFC 9110 lets a server ignore what it cannot parse), so a broken
 * header never turns into an error response.
 */
public final class AcceptHeader {

    /** Beyond this many elements the rest of a header is ignored: real ones have a handful. */
    private static final int MAX_ELEMENTS = 64;

    /** One media range with its parameters (lower-case names) and quality in thousandths. */
    record Range(String type, String subtype, Map<String, String> params, int quality) {

        /** Higher is more specific: a full type with parameters beats a bare one, which beats wildcards. */
        int specificity() {
            if (type.equals("*")) {
                return 0;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            return 2 + params.size();
        }

        boolean matches(MediaType offered) {
            if (!type.equals("*") && !type.equals(offered.type())) {
                return false;
            }
            if (!subtype.equals("*") && !subtype.equals(offered.subtype())) {
                return false;
            }
            for (Map.Entry<String, String> param : params.entrySet()) {
                String value = offered.params().get(param.getKey());
                if (value == null || !value.equalsIgnoreCase(param.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    private AcceptHeader() {}

    /**
     * The offered media type (returned as given) the client prefers, or empty when it accepts none
     * of them.
     *
     * @param headerValues every {@code Accept} field line of the request (empty: no header)
     * @throws IllegalArgumentException if an offered type is not a concrete {@code type/subtype}
     */
    public static Optional<String> bestMatch(List<String> headerValues, String... offered) {
        List<MediaType> candidates = new ArrayList<>(offered.length);
        for (String type : offered) {
            MediaType parsed = MediaType.parse(type);
            if (parsed == null || parsed.type().equals("*") || parsed.subtype().equals("*")) {
                throw new IllegalArgumentException(
                        "Offer concrete media types such as \"application/json\", not '" + type + "'");
            }
            candidates.add(parsed);
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<Range> ranges = parse(headerValues);
        if (ranges.isEmpty()) {
            return Optional.of(offered[0]);
        }
        int best = -1;
        int bestQuality = 0;
        for (int i = 0; i < candidates.size(); i++) {
            int quality = quality(ranges, candidates.get(i));
            if (quality > bestQuality) {
                best = i;
                bestQuality = quality;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(offered[best]);
    }

    /** The quality the client gives {@code offered}: that of the most specific range matching it, else 0. */
    static int quality(List<Range> ranges, MediaType offered) {
        int specificity = -1;
        int quality = 0;
        for (Range range : ranges) {
            if (range.matches(offered)) {
                int rangeSpecificity = range.specificity();
                if (rangeSpecificity > specificity) {
                    specificity = rangeSpecificity;
                    quality = range.quality();
                } else if (rangeSpecificity == specificity) {
                    quality = Math.max(quality, range.quality());
                }
            }
        }
        return quality;
    }

    /** The well-formed ranges of every {@code Accept} line; empty when there are none. */
    static List<Range> parse(List<String> headerValues) {
        List<Range> ranges = new ArrayList<>();
        for (String header : headerValues) {
            for (String element : MediaType.splitList(header)) {
                if (ranges.size() == MAX_ELEMENTS) {
                    return ranges;
                }
                Range range = range(element);
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return ranges;
    }

    private static Range range(String element) {
        MediaType type = MediaType.parse(element);
        if (type == null || (type.type().equals("*") && !type.subtype().equals("*"))) {
            return null; // "*/html" is no media range
        }
        // the weight ends the media range's parameters (RFC 9110 §12.4.2); anything after it is ignored
        Map<String, String> params = new java.util.LinkedHashMap<>();
        int quality = 1000;
        for (Map.Entry<String, String> param : type.params().entrySet()) {
            if (param.getKey().equals("q")) {
                quality = qvalue(param.getValue());
                if (quality < 0) {
                    return null;
                }
                break;
            }
            params.put(param.getKey(), param.getValue());
        }
        return new Range(type.type(), type.subtype(), Map.copyOf(params), quality);
    }

    /** {@code 0[.ddd]} or {@code 1[.000]} in thousandths, or -1 when malformed. */
    static int qvalue(String text) {
        int n = text.length();
        if (n == 0 || n > 5 || (text.charAt(0) != '0' && text.charAt(0) != '1')) {
            return -1;
        }
        int whole = text.charAt(0) - '0';
        if (n == 1) {
            return whole * 1000;
        }
        if (text.charAt(1) != '.') {
            return -1;
        }
        int fraction = 0;
        int scale = 100;
        for (int i = 2; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            fraction += (c - '0') * scale;
            scale /= 10;
        }
        if (whole == 1 && fraction != 0) {
            return -1;
        }
        return whole * 1000 + fraction;
    }
}

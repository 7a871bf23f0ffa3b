package dev.rigel.internal.http;

/**
 * One satisfiable byte range of a file of known size, parsed from a {@code Range} header.
 * Only a single range is served; several ranges, other units and malformed headers are ignored
 * (the whole file is sent), which RFC 9110 allows for any Range request.
 */
public record ByteRange(long start, long end) {

    /** Marks a syntactically valid range that lies wholly outside the file (416). */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    public long length() {
        return end - start + 1;
    }

    /** The range, {@link #UNSATISFIABLE}, or null to ignore the header and send everything. */
    public static ByteRange parse(String header, long size) {
        String value = header.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return null;
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (first.isEmpty()) {
            long suffix = number(last);
            if (suffix < 0) {
                return null;
            }
            if (suffix == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = number(first);
        if (start < 0) {
            return null;
        }
        long end;
        if (last.isEmpty()) {
            end = size - 1;
        } else {
            end = number(last);
            if (end < 0 || end < start) {
                return null; // last < first makes the range invalid: ignored, not unsatisfiable
            }
        }
        if (start >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(start, Math.min(end, size - 1));
    }

    /** A non-negative decimal, or -1 when {@code text} is not one (or too long to be a file offset). */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}

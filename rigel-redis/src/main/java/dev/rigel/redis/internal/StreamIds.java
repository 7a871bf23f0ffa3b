package dev.rigel.redis.internal;

/** Redis stream entry ids ({@code millis-sequence}), compared as the pair of numbers they are. */
public final class StreamIds {

    private StreamIds() {}

    /** Negative, zero or positive as {@code a} is older than, the same as, or newer than {@code b}. */
    public static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compareUnsigned(
                Long.parseUnsignedLong(a.substring(0, dashA)), Long.parseUnsignedLong(b.substring(0, dashB)));
        if (byTime != 0) {
            return byTime;
        }
        return Long.compareUnsigned(
                Long.parseUnsignedLong(a.substring(dashA + 1)), Long.parseUnsignedLong(b.substring(dashB + 1)));
    }
}

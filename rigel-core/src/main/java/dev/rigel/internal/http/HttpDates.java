package dev.rigel.internal.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP dates (RFC 9110 IMF-fixdate): {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
public final class HttpDates {

    // RFC_1123_DATE_TIME would print "6 Nov"; IMF-fixdate wants a two-digit day
    private static final DateTimeFormatter FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String format(Instant time) {
        return FIXDATE.format(time);
    }

    /** The date, or null when it is not one (a malformed validator is ignored, as RFC 9110 says). */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            // lenient on the day's width, which is all the obsolete formats browsers still send differ in
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

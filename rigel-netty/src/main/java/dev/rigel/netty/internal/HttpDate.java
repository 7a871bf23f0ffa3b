package dev.rigel.netty.internal;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/**
 * The {@code Date} header value, formatted at most once per second and shared by all threads,
 * so stamping every response costs one clock read.
 */
final class HttpDate {

    /** The value, and the whole HTTP/1 field line ({@code date: value\r\n}) for encoders that write bytes. */
    private record Stamp(long second, AsciiString text, byte[] line) {}

    private static volatile Stamp current = new Stamp(Long.MIN_VALUE, AsciiString.EMPTY_STRING, new byte[0]);

    private HttpDate() {}

    static AsciiString now() {
        return stamp().text;
    }

    /** {@code date: <IMF-fixdate>\r\n}, for {@link Http1EncodedResponse}. */
    static byte[] line() {
        return stamp().line;
    }

    private static Stamp stamp() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            AsciiString text = new AsciiString(DateFormatter.format(new Date(second * 1000)));
            stamp = new Stamp(second, text, Http1EncodedResponse.fieldLine("date", text));
            current = stamp;
        }
        return stamp;
    }
}

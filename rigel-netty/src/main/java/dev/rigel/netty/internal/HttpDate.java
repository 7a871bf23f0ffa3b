package dev.rigel.netty.internal;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/**
 * The {@code Date} header value, formatted at most once per second and shared by all threads,
 * so stamping every response costs one clock read.
 */
final class HttpDate {

    private record Stamp(long second, AsciiString text) {}

    private static volatile Stamp current = new Stamp(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

    private HttpDate() {}

    static AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            stamp = new Stamp(second, new AsciiString(DateFormatter.format(new Date(second * 1000))));
            current = stamp;
        }
        return stamp.text;
    }
}

package dev.rigel.benchmarks.rawnetty;

import io.netty.handler.codec.DateFormatter;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The {@code date} header line ({@code date: <IMF-fixdate>\r\n}) as bytes, formatted at most once
 * per second and shared by every event loop: stamping a response costs one clock read and one
 * copy of 37 bytes. Every HTTP/1.1 origin server with a clock must send Date (RFC 9110 6.6.1),
 * and Rigel does, so the baseline pays for it too.
 */
final class DateLine {

    private record Stamp(long second, byte[] line) {}

    private static volatile Stamp current = new Stamp(Long.MIN_VALUE, new byte[0]);

    private DateLine() {}

    static byte[] now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            String line = "date: " + DateFormatter.format(new Date(second * 1000)) + "\r\n";
            stamp = new Stamp(second, line.getBytes(StandardCharsets.US_ASCII));
            current = stamp; // a benign race: two threads format the same second
        }
        return stamp.line;
    }
}

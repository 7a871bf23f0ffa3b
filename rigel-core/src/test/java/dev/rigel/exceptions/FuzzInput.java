package dev.rigel.exceptions;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fuzz input split at its first line feed: the head names a setting (a Content-Type, a file
 * size), the rest is the payload. Seed files stay readable this way ({@code 100\nbytes=0-9}); an
 * input without a line feed is all head and an empty payload.
 */
public record FuzzInput(String head, byte[] rest) {

    public static FuzzInput of(byte[] data) {
        int newline = -1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            return new FuzzInput(new String(data, StandardCharsets.UTF_8), new byte[0]);
        }
        return new FuzzInput(
                new String(data, 0, newline, StandardCharsets.UTF_8),
                Arrays.copyOfRange(data, newline + 1, data.length));
    }

    public String restText() {
        return new String(rest, StandardCharsets.UTF_8);
    }

    /** The head as a non-negative number, or {@code fallback} when it is not one. */
    public long headAsSize(long fallback) {
        try {
            long value = Long.parseLong(head.trim());
            return value < 0 ? fallback : value;
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }
}

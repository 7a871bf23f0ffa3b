package dev.rigel.internal.form;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a multipart body through while noting whether its boundary delimiter ({@code --boundary})
 * ever went by. The parser treats a body without any delimiter as a form with no parts; with this
 * Rigel can tell that apart from a real empty form ({@code --boundary--}) and refuse it.
 */
final class DelimiterWatch extends FilterInputStream {

    private final byte[] delimiter;
    /** How many bytes of the delimiter the bytes seen so far end with. */
    private int matched;

    private boolean seen;

    DelimiterWatch(InputStream body, String boundary) {
        super(body);
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    boolean seen() {
        return seen;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && !seen) {
            scan((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = 0; i < read && !seen; i++) {
            scan(buffer[offset + i]);
        }
        return read;
    }

    private void scan(byte b) {
        // the delimiter starts with "--", so on a mismatch the only possible restart is at a '-'
        while (matched > 0 && delimiter[matched] != b) {
            matched = restart(matched);
        }
        if (delimiter[matched] == b) {
            matched++;
        }
        if (matched == delimiter.length) {
            seen = true;
        }
    }

    /** The longest proper prefix of the delimiter that is also a suffix of its first {@code length} bytes. */
    private int restart(int length) {
        for (int candidate = length - 1; candidate > 0; candidate--) {
            boolean fits = true;
            for (int i = 0; i < candidate && fits; i++) {
                fits = delimiter[i] == delimiter[length - candidate + i];
            }
            if (fits) {
                return candidate;
            }
        }
        return 0;
    }
}

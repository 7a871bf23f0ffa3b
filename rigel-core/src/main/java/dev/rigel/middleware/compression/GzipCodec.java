package dev.rigel.middleware.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** gzip from {@code java.util.zip}, at a chosen level. */
final class GzipCodec implements Codec {

    private final int level;

    GzipCodec(int level) {
        this.level = level;
    }

    @Override
    public byte[] compress(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (OutputStream gzip = stream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    @Override
    public OutputStream stream(OutputStream sink) throws IOException {
        // syncFlush: flush() must emit every byte written so far, or a streamed chunk would stall
        return new GZIPOutputStream(sink, 8192, true) {
            {
                def.setLevel(level);
            }
        };
    }
}

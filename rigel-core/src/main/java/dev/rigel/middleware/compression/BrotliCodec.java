package dev.rigel.middleware.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Brotli through brotli4j's native encoder. Only {@link Codecs} touches this class, and only after
 * finding brotli4j on the classpath, so an app without it never links against it.
 */
final class BrotliCodec implements Codec {

    private final Encoder.Parameters parameters;

    BrotliCodec(int quality) {
        Brotli4jLoader.ensureAvailability();
        this.parameters = new Encoder.Parameters().setQuality(quality);
    }

    @Override
    public byte[] compress(byte[] body) throws IOException {
        return Encoder.compress(body, parameters);
    }

    @Override
    public OutputStream stream(OutputStream sink) throws IOException {
        return new BrotliOutputStream(sink, parameters);
    }
}

package dev.rigel.middleware.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import com.github.luben.zstd.util.Native;
import java.io.IOException;
import java.io.OutputStream;

/**
 * zstd through zstd-jni. Only {@link Codecs} touches this class, and only after finding zstd-jni
 * on the classpath, so an app without it never links against it.
 */
final class ZstdCodec implements Codec {

    private final int level;

    ZstdCodec(int level) {
        Native.load(); // fails here, at startup, if the native library cannot load on this platform
        this.level = level;
    }

    @Override
    public byte[] compress(byte[] body) {
        return Zstd.compress(body, level);
    }

    @Override
    public OutputStream stream(OutputStream sink) throws IOException {
        // flush() ends the current block (not the frame), so the client can decode what came so far
        return new ZstdOutputStream(sink, level);
    }
}

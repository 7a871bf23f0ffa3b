package dev.rigel.middleware.compression;

import dev.rigel.middleware.compression.CompressionConfig.Algorithm;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes codecs, and finds out once per algorithm whether it can work here: brotli and zstd are
 * optional libraries with native code, so the check looks for the class first (without linking
 * the codec class) and then lets the codec load its native library.
 */
final class Codecs {

    private static final Map<Algorithm, Optional<String>> AVAILABILITY = new EnumMap<>(Algorithm.class);

    private Codecs() {}

    /** Why {@code algorithm} cannot be used here, or empty when it can. */
    public static synchronized Optional<String> unavailableReason(Algorithm algorithm) {
        return AVAILABILITY.computeIfAbsent(algorithm, Codecs::probe);
    }

    private static Optional<String> probe(Algorithm algorithm) {
        try {
            create(algorithm, CompressionConfig.defaults()).compress(new byte[] {'r', 'i', 'g', 'e', 'l'});
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of(library(algorithm) + " is not on the classpath");
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: the native library did not load
            return Optional.of(library(algorithm) + " could not load its native library: " + e);
        }
    }

    static Codec create(Algorithm algorithm, CompressionConfig config) throws Exception {
        return switch (algorithm) {
            case GZIP -> new GzipCodec(config.gzipLevel());
            case BROTLI -> {
                Class.forName("com.aayushatharva.brotli4j.Brotli4jLoader", false, Codecs.class.getClassLoader());
                yield new BrotliCodec(config.brotliQuality());
            }
            case ZSTD -> {
                Class.forName("com.github.luben.zstd.Zstd", false, Codecs.class.getClassLoader());
                yield new ZstdCodec(config.zstdLevel());
            }
        };
    }

    private static String library(Algorithm algorithm) {
        return switch (algorithm) {
            case GZIP -> "java.util.zip";
            case BROTLI -> "brotli4j (com.aayushatharva.brotli4j:brotli4j and its native artifact)";
            case ZSTD -> "zstd-jni (com.github.luben:zstd-jni)";
        };
    }
}

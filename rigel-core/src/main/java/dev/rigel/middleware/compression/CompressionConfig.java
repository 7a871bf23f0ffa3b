package dev.rigel.middleware.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Response compression, Litestar's {@code CompressionConfig}, switched on with
 * {@code App.builder().compression(CompressionConfig.defaults())}.
 *
 * <p>The algorithm is chosen from the request's {@code Accept-Encoding} by q-value; among equally
 * acceptable ones the order of {@link #algorithms()} (the server's preference) decides. Responses
 * are left alone when the client accepts none of them (a malformed header counts as accepting
 * none), for HEAD requests, 1xx/204/304 answers, responses that already have a
 * {@code Content-Encoding}, bodies under {@link #minimumSize()} bytes, and media types that are
 * compressed already ({@link #excludedMediaTypes()}). A compressed response gets
 * {@code Content-Encoding}, a corrected or removed {@code Content-Length}, and
 * {@code Vary: Accept-Encoding} (which any response that could have been compressed gets, so
 * caches keep the variants apart). A streamed body is compressed as a stream and flushed after
 * every chunk, so server-sent events still arrive as they are sent.
 *
 * <p>gzip comes with the JDK. Brotli and zstd need {@code com.aayushatharva.brotli4j:brotli4j}
 * (plus its native artifact for the platform) and {@code com.github.luben:zstd-jni} on the
 * classpath; an algorithm whose library is missing or whose native code cannot load is left out
 * (with a warning when it was asked for by name), see {@link #isAvailable}.
 *
 * <p>Immutable: every {@code with}-style method returns a changed copy.
 */
public final class CompressionConfig {

    /** A content coding this middleware can produce. */
    public enum Algorithm {
        BROTLI("br"),
        ZSTD("zstd"),
        GZIP("gzip");

        private final String token;

        Algorithm(String token) {
            this.token = token;
        }

        /** The coding's name in {@code Accept-Encoding} and {@code Content-Encoding}. */
        public String token() {
            return token;
        }
    }

    /** Media types that are compressed already, so compressing them again only costs time. */
    public static final List<String> DEFAULT_EXCLUDED_MEDIA_TYPES = List.of(
            "image/*",
            "video/*",
            "audio/*",
            "font/woff",
            "font/woff2",
            "application/zip",
            "application/gzip",
            "application/x-gzip",
            "application/zstd",
            "application/x-bzip2",
            "application/x-xz",
            "application/x-7z-compressed",
            "application/x-rar-compressed");

    /** Compressing fewer bytes than this saves too little to pay for the work (and the headers). */
    public static final int DEFAULT_MINIMUM_SIZE = 500;

    private final List<Algorithm> algorithms;
    private final boolean algorithmsChosen;
    private final int minimumSize;
    private final int gzipLevel;
    private final int brotliQuality;
    private final int zstdLevel;
    private final List<String> excludedMediaTypes;
    private final List<String> exclude;
    private final String excludeOptKey;

    private CompressionConfig(
            List<Algorithm> algorithms,
            boolean algorithmsChosen,
            int minimumSize,
            int gzipLevel,
            int brotliQuality,
            int zstdLevel,
            List<String> excludedMediaTypes,
            List<String> exclude,
            String excludeOptKey) {
        this.algorithms = algorithms;
        this.algorithmsChosen = algorithmsChosen;
        this.minimumSize = minimumSize;
        this.gzipLevel = gzipLevel;
        this.brotliQuality = brotliQuality;
        this.zstdLevel = zstdLevel;
        this.excludedMediaTypes = excludedMediaTypes;
        this.exclude = exclude;
        this.excludeOptKey = excludeOptKey;
    }

    /**
     * Brotli, zstd and gzip in that order of preference (those available here), 500 bytes
     * minimum, gzip level 6, brotli quality 5 and zstd level 3: levels that compress dynamic
     * responses well without making compression the slowest part of a request.
     */
    public static CompressionConfig defaults() {
        return new CompressionConfig(
                List.of(Algorithm.values()),
                false,
                DEFAULT_MINIMUM_SIZE,
                6,
                5,
                3,
                DEFAULT_EXCLUDED_MEDIA_TYPES,
                List.of(),
                null);
    }

    /** Whether {@code algorithm}'s library is on the classpath and its native code loads here. */
    public static boolean isAvailable(Algorithm algorithm) {
        return Codecs.unavailableReason(algorithm).isEmpty();
    }

    /** Only these algorithms, in this order of preference (e.g. {@code GZIP} alone). */
    public CompressionConfig algorithms(Algorithm... preferred) {
        if (preferred.length == 0) {
            throw new IllegalArgumentException("Compression needs at least one algorithm");
        }
        List<Algorithm> distinct = new ArrayList<>();
        for (Algorithm algorithm : preferred) {
            if (!distinct.contains(Objects.requireNonNull(algorithm, "algorithm"))) {
                distinct.add(algorithm);
            }
        }
        return new CompressionConfig(
                List.copyOf(distinct),
                true,
                minimumSize,
                gzipLevel,
                brotliQuality,
                zstdLevel,
                excludedMediaTypes,
                exclude,
                excludeOptKey);
    }

    /** Bodies shorter than this many bytes are sent as they are. */
    public CompressionConfig minimumSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("The minimum size must not be negative, got " + bytes);
        }
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                bytes,
                gzipLevel,
                brotliQuality,
                zstdLevel,
                excludedMediaTypes,
                exclude,
                excludeOptKey);
    }

    /** gzip level, 1 (fastest) to 9 (smallest). */
    public CompressionConfig gzipLevel(int level) {
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                minimumSize,
                inRange(level, 1, 9, "gzip level"),
                brotliQuality,
                zstdLevel,
                excludedMediaTypes,
                exclude,
                excludeOptKey);
    }

    /** Brotli quality, 0 (fastest) to 11 (smallest). */
    public CompressionConfig brotliQuality(int quality) {
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                minimumSize,
                gzipLevel,
                inRange(quality, 0, 11, "brotli quality"),
                zstdLevel,
                excludedMediaTypes,
                exclude,
                excludeOptKey);
    }

    /** zstd level, 1 (fastest) to 22 (smallest). */
    public CompressionConfig zstdLevel(int level) {
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                minimumSize,
                gzipLevel,
                brotliQuality,
                inRange(level, 1, 22, "zstd level"),
                excludedMediaTypes,
                exclude,
                excludeOptKey);
    }

    /**
     * Replaces the media types never compressed: exact types ({@code application/zip}) or whole
     * families ({@code image/*}). {@code image/svg+xml} is text and is compressed even under
     * {@code image/*}.
     */
    public CompressionConfig excludedMediaTypes(String... mediaTypes) {
        List<String> types = new ArrayList<>();
        for (String type : mediaTypes) {
            types.add(type.trim().toLowerCase(Locale.ROOT));
        }
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                minimumSize,
                gzipLevel,
                brotliQuality,
                zstdLevel,
                List.copyOf(types),
                exclude,
                excludeOptKey);
    }

    /** Never compresses responses for paths matching any of these regular expressions (searched). */
    public CompressionConfig exclude(String... pathPatterns) {
        List<String> more = new ArrayList<>(exclude);
        for (String pattern : pathPatterns) {
            Pattern.compile(pattern); // a bad pattern fails here, where it was written
            more.add(pattern);
        }
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                minimumSize,
                gzipLevel,
                brotliQuality,
                zstdLevel,
                excludedMediaTypes,
                List.copyOf(more),
                excludeOptKey);
    }

    /** Never compresses routes whose opt maps {@code optKey} to true. */
    public CompressionConfig excludeOptKey(String optKey) {
        return new CompressionConfig(
                algorithms,
                algorithmsChosen,
                minimumSize,
                gzipLevel,
                brotliQuality,
                zstdLevel,
                excludedMediaTypes,
                exclude,
                Objects.requireNonNull(optKey, "optKey"));
    }

    /** The algorithms in order of preference, as configured (some may be unavailable here). */
    public List<Algorithm> algorithms() {
        return algorithms;
    }

    /** Whether {@link #algorithms(Algorithm...)} named them, rather than the defaults. */
    public boolean algorithmsChosen() {
        return algorithmsChosen;
    }

    public int minimumSize() {
        return minimumSize;
    }

    public int gzipLevel() {
        return gzipLevel;
    }

    public int brotliQuality() {
        return brotliQuality;
    }

    public int zstdLevel() {
        return zstdLevel;
    }

    public List<String> excludedMediaTypes() {
        return excludedMediaTypes;
    }

    public List<String> excludedPaths() {
        return exclude;
    }

    public Optional<String> excludeOptKeyName() {
        return Optional.ofNullable(excludeOptKey);
    }

    private static int inRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "The " + what + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "CompressionConfig(" + algorithms + ", minimumSize=" + minimumSize + ")";
    }

    /** This configuration as middleware for any layer (a closer layer's replaces the app's). */
    public CompressionMiddleware middleware() {
        return new CompressionMiddleware(this);
    }
}

package dev.rigel.cache;

/**
 * Values for a handler's {@code cache} option ({@code @Get(cache = …)}, {@code Route.cache(…)}):
 * a positive number is the seconds a response stays in the response cache, or one of these.
 * See {@link ResponseCacheConfig} for how responses are cached.
 */
public final class Cache {

    /** Not cached (the default). */
    public static final int NONE = 0;

    /** Cached for the app's default expiration ({@link ResponseCacheConfig#defaultExpiration()}, 60 s unless set). */
    public static final int DEFAULT = -1;

    /** Cached with no expiry: until the store drops it. */
    public static final int FOREVER = -2;

    private Cache() {}

    /** Checks a {@code cache} option value: positive, or one of the constants. */
    public static int check(int value, String usedBy) {
        if (value < FOREVER) {
            throw new IllegalArgumentException(usedBy + ": cache must be a positive number of seconds, Cache.NONE,"
                    + " Cache.DEFAULT or Cache.FOREVER, got " + value);
        }
        return value;
    }
}

package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a method as the GET handler for a path. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@HttpMethod("GET")
public @interface Get {

    /** Path(s) relative to the enclosing controller/router; empty means the controller's own path. */
    String[] value() default {};

    /** Response status; 0 means the default (POST 201, DELETE 204, otherwise 200). */
    int status() default 0;

    /** Media type of the response; empty means chosen from the return value. */
    String mediaType() default "";

    /**
     * The route's name, unique in the app: {@code request.urlFor(name, params)} and templates'
     * {@code url_for} build its URL. Without one the handler is listed as {@code Class.method} and
     * cannot be reversed.
     */
    String name() default "";

    /** Guards for this handler, added after those of the enclosing layers. */
    Class<? extends dev.rigel.http.Guard>[] guards() default {};

    /** Middleware for this handler, innermost. Each class needs a public no-argument constructor. */
    Class<? extends dev.rigel.middleware.Middleware>[] middleware() default {};

    /** Tags, added to the enclosing layers' tags. */
    String[] tags() default {};

    /** Free-form metadata as {@code key=value} (or {@code key}, meaning true); beats the layers' opt. */
    String[] opt() default {};

    /** Request body limit in bytes for this handler; -1 inherits it from the layers (default 10 MB). */
    long maxBodySize() default -1;

    /**
     * The {@code Cache-Control} header of this handler's responses, e.g. {@code "public, max-age=60"};
     * beats the layers' {@code cacheControl}. Empty: the layers decide. Checked at startup.
     */
    String cacheControl() default "";

    /**
     * Keeps this handler's responses in the app's response cache for this many seconds, or
     * {@link dev.rigel.cache.Cache#DEFAULT} (the app's default expiry) or
     * {@link dev.rigel.cache.Cache#FOREVER}; {@link dev.rigel.cache.Cache#NONE} (0) caches nothing.
     * By default only 2xx answers to GET and HEAD are kept; see {@link dev.rigel.cache.ResponseCacheConfig}.
     */
    int cache() default 0;

    /**
     * This handler's own response-cache key (Litestar's {@code cache_key_builder} on a route
     * handler), instead of the app's {@link dev.rigel.cache.ResponseCacheConfig#keyBuilder()};
     * the class needs a public no-argument constructor. Needs {@link #cache}. The default,
     * {@code CacheKeyBuilder.class}, means the app's.
     */
    Class<? extends dev.rigel.cache.CacheKeyBuilder> cacheKeyBuilder() default dev.rigel.cache.CacheKeyBuilder.class;

    /**
     * Set when the handler never blocks (no I/O, no locks): it then runs on the server's event loop
     * instead of a virtual thread, saving a thread hand-off.
     */
    boolean nonBlocking() default false;

    /**
     * The DTO that decodes this handler's {@code data} parameter (and shapes its response unless
     * {@link #returnDto} is set); {@code AbstractDTO.class}, the default, inherits the layers' DTO and
     * {@code NoDTO.class} switches it off.
     */
    @SuppressWarnings("rawtypes")
    Class<? extends dev.rigel.dto.AbstractDTO> dto() default dev.rigel.dto.AbstractDTO.class;

    /** The DTO that shapes this handler's response; {@code AbstractDTO.class} inherits, {@code NoDTO.class} switches off. */
    @SuppressWarnings("rawtypes")
    Class<? extends dev.rigel.dto.AbstractDTO> returnDto() default dev.rigel.dto.AbstractDTO.class;
}

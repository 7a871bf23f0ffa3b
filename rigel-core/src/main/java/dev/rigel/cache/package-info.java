/**
 * HTTP caching: the {@link dev.rigel.cache.CacheControlHeader} layers send, and the server-side
 * response cache ({@link dev.rigel.cache.ResponseCacheConfig}) that handlers opt into with a
 * {@code cache} option ({@link dev.rigel.cache.Cache}).
 */
package dev.rigel.cache;

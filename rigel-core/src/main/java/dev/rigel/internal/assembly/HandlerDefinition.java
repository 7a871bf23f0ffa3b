package dev.rigel.internal.assembly;

import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.layers.LayerSettings;
import java.util.List;
import java.util.Set;

/**
 * One route handler as declared (annotated method or {@code Route}), before layers are merged.
 * {@code paths} are relative to the enclosing controller/router. {@code routeName} is the name
 * given explicitly (for {@code urlFor}), or null when {@code name} is only the default description;
 * {@code cache} is the handler's response-cache option ({@link dev.rigel.cache.Cache}) and
 * {@code cacheKeyBuilder} its own cache key builder, or null for the app's.
 */
public record HandlerDefinition(
        String name,
        String routeName,
        List<String> paths,
        Set<String> methods,
        CallableSpec callable,
        int status,
        String mediaType,
        boolean nonBlocking,
        LayerSettings layer,
        int cache,
        dev.rigel.cache.CacheKeyBuilder cacheKeyBuilder) {}

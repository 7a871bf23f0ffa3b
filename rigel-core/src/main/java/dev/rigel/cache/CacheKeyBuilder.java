package dev.rigel.cache;

import dev.rigel.http.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a request into the key its response is cached under (Litestar's {@code key_builder} on
 * the app, {@code cache_key_builder} on a handler). The app's is
 * {@link ResponseCacheConfig.Builder#keyBuilder}; a handler sets its own with
 * {@code @Get(cache = 60, cacheKeyBuilder = ByTenant.class)} (a public no-argument constructor)
 * or {@code Route.get(…).cache(60).cacheKeyBuilder(request -> …)}:
 *
 * <pre>{@code
 * public static final class ByTenant implements CacheKeyBuilder {
 *     public String key(Request request) {
 *         return CacheKeyBuilder.DEFAULT.key(request) + " tenant=" + request.headers().get("x-tenant");
 *     }
 * }
 * }</pre>
 *
 * Requests with equal keys share one cached response, whoever sends them and whichever route made
 * it: keys of different handlers must differ unless they really share the response. The builder
 * runs on every request to a cached handler, before the store is asked, so it should be cheap.
 */
@FunctionalInterface
public interface CacheKeyBuilder {

    String key(Request request);

    /**
     * The default key: method, path and the query with its parameters sorted by name, e.g.
     * {@code GET /items?a=1&b=2&b=1}. The values of a repeated parameter keep their order, since a
     * handler may depend on it. A HEAD request answered by a GET handler uses the GET key (it is
     * the same response without its body).
     */
    CacheKeyBuilder DEFAULT = request -> {
        String method = request.method();
        if (method.equals("HEAD")
                && request.handler() != null
                && !request.handler().methods().contains("HEAD")) {
            method = "GET";
        }
        StringBuilder key = new StringBuilder(method).append(' ').append(request.path());
        Map<String, List<String>> query = request.query().asMap();
        if (!query.isEmpty()) {
            List<String> names = new ArrayList<>(query.keySet());
            names.sort(null);
            char separator = '?';
            for (String name : names) {
                String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
                for (String value : query.get(name)) {
                    key.append(separator)
                            .append(encodedName)
                            .append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                    separator = '&';
                }
            }
        }
        return key.toString();
    };
}

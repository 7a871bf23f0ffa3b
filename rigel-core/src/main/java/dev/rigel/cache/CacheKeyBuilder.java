package dev.rigel.cache;

import dev.rigel.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a request into the key its response is cached under (Litestar's {@code key_builder}).
 * Requests with equal keys share one cached response, whoever sends them.
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
        if (method.equals("HEAD") && request.handler() != null && !request.handler().methods().contains("HEAD")) {
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
                    key.append(separator).append(encodedName).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                    separator = '&';
                }
            }
        }
        return key.toString();
    };
}

package dev.rigel.internal.text;

import dev.rigel.http.QueryParams;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} query strings. */
public final class QueryStringParser {

    private QueryStringParser() {}

    public static QueryParams parse(String query) {
        if (query == null || query.isEmpty()) {
            return QueryParams.empty();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        int start = 0;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            if (amp < 0) {
                amp = query.length();
            }
            if (amp > start) {
                String pair = query.substring(start, amp);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!name.isEmpty()) {
                    values.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
                }
            }
            start = amp + 1;
        }
        return QueryParams.of(values);
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}

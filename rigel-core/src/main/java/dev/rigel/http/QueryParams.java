package dev.rigel.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Query string parameters in order of appearance; a name may carry several values. */
public final class QueryParams {

    private static final QueryParams EMPTY = new QueryParams(Map.of());

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParams empty() {
        return EMPTY;
    }

    /** Wraps already-decoded values; the map is copied. */
    public static QueryParams of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return new QueryParams(Collections.unmodifiableMap(copy));
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public List<String> getAll(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

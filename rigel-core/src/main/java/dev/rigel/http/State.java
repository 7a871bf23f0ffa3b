package dev.rigel.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application-wide state: values set at startup (connection pools, caches, settings) and read by
 * handlers and dependencies, which ask for it by naming a parameter {@code state}. Thread-safe.
 */
public final class State {

    private final Map<String, Object> values = new ConcurrentHashMap<>();

    public State() {}

    /**
     * The state of the app serving {@code scope}, for middleware (which see only the scope);
     * fails when no Rigel app has seen the scope yet.
     */
    public static State of(dev.rigel.protocol.Scope scope) {
        if (scope.appState() instanceof State state) {
            return state;
        }
        throw new IllegalStateException("No Rigel app has served " + scope + " yet, so it has no app state");
    }

    public State(Map<String, ?> initial) {
        values.putAll(initial);
    }

    public State put(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return this;
    }

    /** The value under {@code key} as {@code type}; fails if absent or of another type. */
    public <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("No app state under '" + key + "'");
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException(
                    "App state '" + key + "' holds a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    public <T> Optional<T> find(String key, Class<T> type) {
        Object value = values.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(String key, java.util.function.Function<String, T> factory) {
        return (T) values.computeIfAbsent(key, factory);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Object remove(String key) {
        return values.remove(key);
    }

    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}

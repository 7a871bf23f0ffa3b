package dev.rigel.config;

import java.lang.reflect.Type;
import java.util.List;

/**
 * One bindable value of a settings record: a component that is not itself a record.
 *
 * @param key the canonical key, prefix included ({@code server.port})
 * @param root the settings record type the leaf belongs to
 * @param javaPath the component names from that record down to this one ({@code [server, port]}
 *     for a nested record, {@code [port]} for a top-level component)
 * @param type the component's generic type
 * @param defaultValue the {@code @Default} text, or null
 * @param description the {@code @Description} text, or empty
 * @param secret whether the value is never printed
 */
record Leaf(
        String key,
        Class<?> root,
        List<String> javaPath,
        Type type,
        String defaultValue,
        String description,
        boolean secret) {

    /** The component's class, without type arguments. */
    public Class<?> rawType() {
        return Types.raw(type);
    }

    /** Whether a text value (a variable, a flag) lists several values separated by commas. */
    public boolean isCollection() {
        return java.util.Collection.class.isAssignableFrom(rawType())
                || rawType().isArray();
    }

    /** Whether the value is a map, which only a file can give (as a nested mapping). */
    public boolean isMap() {
        return java.util.Map.class.isAssignableFrom(rawType());
    }
}

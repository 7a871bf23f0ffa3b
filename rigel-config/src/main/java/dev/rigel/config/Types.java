package dev.rigel.config;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Small helpers for generic component types. */
final class Types {

    private Types() {}

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType a) {
            return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0)
                    .getClass();
        }
        return Object.class;
    }

    /** A type as a reader writes it: {@code int}, {@code Duration}, {@code List<String>}. */
    static String display(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? display(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return display(p.getRawType())
                    + Arrays.stream(p.getActualTypeArguments())
                            .map(Types::display)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        return type.getTypeName();
    }
}

package dev.rigel.dto.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A mutable class's shape: its instance fields (superclass first, in declaration order), each
 * read through a public getter when there is one and the field otherwise, and written through a
 * public setter, or the field unless it is final.
 */
final class BeanIntrospector {

    private BeanIntrospector() {}

    /** Why {@code type} cannot be read as a mutable model, or null when it can. */
    static String refusal(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.isEnum() || type.isInterface() || type.isAnnotation()) {
            return "it is not a class with fields";
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return "it is abstract";
        }
        String name = type.getName();
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jakarta.")
                || name.startsWith("com.fasterxml.")
                || name.startsWith("sun.")
                || name.startsWith("jdk.")) {
            return "it is a library value type, written and read whole by the JSON mapper";
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            return "it is an inner class (make it static)";
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            return "it has no no-argument constructor";
        }
        if (hasCustomJson(type)) {
            return "its JSON form is its own (a @JsonValue or @JsonSerialize says so)";
        }
        return fields(type).isEmpty() ? "it has no instance fields" : null;
    }

    static ModelShape shape(Class<?> type) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<Field> fields = fields(type);
        List<ModelProperty> properties = new ArrayList<>(fields.size());
        try {
            for (int i = 0; i < fields.size(); i++) {
                Field field = fields.get(i);
                field.setAccessible(true);
                Method getter = accessor(type, field, true);
                Method setter = accessor(type, field, false);
                MethodHandle read = getter != null ? lookup.unreflect(getter) : lookup.unreflectGetter(field);
                MethodHandle write = setter != null
                        ? lookup.unreflect(setter)
                        : Modifier.isFinal(field.getModifiers()) ? null : lookup.unreflectSetter(field);
                properties.add(new ModelProperty(
                        field.getName(),
                        field.getGenericType(),
                        field.getType(),
                        i,
                        read,
                        write,
                        Annotations.mark(field, getter),
                        Annotations.jsonName(field, getter)));
            }
            Constructor<?> noArguments = type.getDeclaredConstructor();
            noArguments.setAccessible(true);
            MethodHandle constructor =
                    lookup.unreflectConstructor(noArguments).asType(MethodType.methodType(Object.class));
            return new ModelShape(type, false, properties, constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("Rigel cannot read or create " + type.getName() + ": " + e, e);
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> cls = type; cls != null && cls != Object.class; cls = cls.getSuperclass()) {
            hierarchy.add(cls);
        }
        Collections.reverse(hierarchy);
        List<Field> fields = new ArrayList<>();
        for (Class<?> cls : hierarchy) {
            for (Field field : cls.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** The public getter ({@code getX}/{@code isX}) or setter ({@code setX}) of {@code field}, or null. */
    private static Method accessor(Class<?> type, Field field, boolean getter) {
        String suffix = field.getName().substring(0, 1).toUpperCase(Locale.ROOT)
                + field.getName().substring(1);
        List<String> names = getter
                ? field.getType() == boolean.class ? List.of("is" + suffix, "get" + suffix) : List.of("get" + suffix)
                : List.of("set" + suffix);
        for (String name : names) {
            try {
                Method method = getter ? type.getMethod(name) : type.getMethod(name, field.getType());
                if (Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                if (getter && !field.getType().isAssignableFrom(method.getReturnType())) {
                    continue;
                }
                method.setAccessible(true);
                return method;
            } catch (NoSuchMethodException | RuntimeException e) {
                // no such accessor: the field itself is used
            }
        }
        return null;
    }

    private static boolean hasCustomJson(Class<?> type) {
        if (type.isAnnotationPresent(com.fasterxml.jackson.databind.annotation.JsonSerialize.class)
                || type.isAnnotationPresent(com.fasterxml.jackson.databind.annotation.JsonDeserialize.class)) {
            return true;
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class)) {
                return true;
            }
        }
        return false;
    }
}

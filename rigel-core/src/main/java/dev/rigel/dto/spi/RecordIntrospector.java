package dev.rigel.dto.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** A record's shape: its components, read by their accessors, made through the canonical constructor. */
final class RecordIntrospector {

    private RecordIntrospector() {}

    static ModelShape shape(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        List<ModelProperty> properties = new ArrayList<>(components.length);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                types[i] = component.getType();
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                Field field = field(type, component.getName());
                properties.add(new ModelProperty(
                        component.getName(),
                        component.getGenericType(),
                        component.getType(),
                        i,
                        lookup.unreflect(accessor),
                        null,
                        Annotations.mark(component, field, accessor),
                        Annotations.jsonName(component, field, accessor)));
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            MethodHandle constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return new ModelShape(type, true, properties, constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("Rigel cannot read or create record " + type.getName() + ": " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}

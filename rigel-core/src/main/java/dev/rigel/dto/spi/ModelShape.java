package dev.rigel.dto.spi;

import java.lang.invoke.MethodHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model class as a list of {@link ModelProperty}s plus how to make an instance: a record's
 * canonical constructor (taking every field, spread from an array) or a mutable class's
 * no-argument constructor (fields set afterwards). Built once per class.
 */
public final class ModelShape {

    public final Class<?> type;
    public final boolean record;
    public final List<ModelProperty> properties;
    public final Map<String, ModelProperty> byName;
    /** record: (Object[])Object; mutable class: ()Object */
    final MethodHandle constructor;
    /** a record's constructor arguments when no field is set: null, and 0/false for primitives */
    private final Object[] defaults;

    ModelShape(Class<?> type, boolean record, List<ModelProperty> properties, MethodHandle constructor) {
        this.type = type;
        this.record = record;
        this.properties = List.copyOf(properties);
        Map<String, ModelProperty> names = new LinkedHashMap<>();
        for (ModelProperty property : properties) {
            names.put(property.name, property);
        }
        this.byName = Map.copyOf(names);
        this.constructor = constructor;
        this.defaults = new Object[properties.size()];
        for (ModelProperty property : properties) {
            defaults[property.index] = property.defaultValue();
        }
    }

    /** The model class. */
    public Class<?> type() {
        return type;
    }

    /** The model's fields, in order. */
    public List<ModelProperty> properties() {
        return properties;
    }

    /**
     * The same model with its fields replaced by {@code adjusted}, one for each field in the same
     * order (a DTO factory's marks and getters over a shape the core read).
     */
    public ModelShape withProperties(List<ModelProperty> adjusted) {
        if (adjusted.size() != properties.size()) {
            throw new IllegalArgumentException("one property per field of " + type.getName() + " expected");
        }
        for (int i = 0; i < adjusted.size(); i++) {
            if (!adjusted.get(i).name.equals(properties.get(i).name)
                    || adjusted.get(i).index != properties.get(i).index) {
                throw new IllegalArgumentException(
                        "property " + i + " of " + type.getName() + " must stay " + properties.get(i).name);
            }
        }
        return new ModelShape(type, record, adjusted, constructor);
    }

    /** Fresh constructor arguments for a record, every field at its default. */
    public Object[] defaultArguments() {
        return defaults.clone();
    }

    /** A record from its constructor arguments. */
    public Object construct(Object[] arguments) {
        try {
            return (Object) constructor.invokeExact(arguments);
        } catch (Throwable t) {
            throw Failures.unchecked(t);
        }
    }

    /** A mutable class's fresh instance. */
    public Object instantiate() {
        try {
            return (Object) constructor.invokeExact();
        } catch (Throwable t) {
            throw Failures.unchecked(t);
        }
    }

    /** The property named {@code name}, or an error naming the model's fields. */
    public ModelProperty property(String name) {
        ModelProperty property = byName.get(name);
        if (property == null) {
            throw new IllegalArgumentException(
                    type.getSimpleName() + " has no field '" + name + "'; its fields are " + properties);
        }
        return property;
    }
}

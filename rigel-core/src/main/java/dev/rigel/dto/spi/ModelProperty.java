package dev.rigel.dto.spi;

import dev.rigel.dto.field.Mark;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;

/**
 * One field of a model as Rigel reads and writes it: its Java name and type, method handles to
 * read it (boxed, and exact for primitives so hot paths do not box) and to write it (mutable
 * classes only), its position in a record's canonical constructor, and its marks.
 */
public final class ModelProperty {

    private static final MethodType BOXED_GET = MethodType.methodType(Object.class, Object.class);
    private static final MethodType BOXED_SET = MethodType.methodType(void.class, Object.class, Object.class);

    public final String name;
    public final Type type;
    public final Class<?> raw;
    public final int index;
    /** (Object)Object */
    public final MethodHandle getter;
    /** (Object)raw: exact for primitives, so int fields are read as ints */
    public final MethodHandle exactGetter;
    /** (Object,Object)void, or null when the field cannot be written after construction */
    public final MethodHandle setter;

    public final Mark mark;
    /** The name {@code @JsonProperty} gives the field, or null. */
    public final String jsonName;

    ModelProperty(
            String name,
            Type type,
            Class<?> raw,
            int index,
            MethodHandle getter,
            MethodHandle setter,
            Mark mark,
            String jsonName) {
        this.name = name;
        this.type = type;
        this.raw = raw;
        this.index = index;
        this.getter = getter.asType(BOXED_GET);
        this.exactGetter = getter.asType(MethodType.methodType(raw.isPrimitive() ? raw : Object.class, Object.class));
        this.setter = setter == null ? null : setter.asType(BOXED_SET);
        this.mark = mark;
        this.jsonName = jsonName;
    }

    /** The field's Java name. */
    public String name() {
        return name;
    }

    /** The field's declared class. */
    public Class<?> rawType() {
        return raw;
    }

    /** The mark the model's annotations give the field, or null. */
    public Mark mark() {
        return mark;
    }

    /** The field read as {@code (Object)Object}. */
    public MethodHandle getter() {
        return getter;
    }

    /** This field with another mark (a DTO factory's default, e.g. read-only ids). */
    public ModelProperty withMark(Mark newMark) {
        return new ModelProperty(name, type, raw, index, getter, setter, newMark, jsonName);
    }

    /**
     * This field read through {@code newGetter}, an {@code (Object)Object} handle (a DTO factory's
     * guard, e.g. one that will not load a lazy association). Only for reference-typed fields.
     */
    public ModelProperty withGetter(MethodHandle newGetter) {
        if (raw.isPrimitive()) {
            throw new IllegalArgumentException("primitive field " + name + " keeps its exact getter");
        }
        return new ModelProperty(name, type, raw, index, newGetter, setter, mark, jsonName);
    }

    /**
     * This field read from and written to what {@code ownerFilter}, an {@code (Object)Object} handle,
     * gives for the owner (a DTO factory's unwrapping, e.g. of a Hibernate proxy whose own fields
     * are empty). Works for primitive fields too, which keep an exact getter.
     */
    public ModelProperty withOwnerFilter(MethodHandle ownerFilter) {
        return new ModelProperty(
                name,
                type,
                raw,
                index,
                MethodHandles.filterArguments(exactGetter, 0, ownerFilter),
                setter == null ? null : MethodHandles.filterArguments(setter, 0, ownerFilter),
                mark,
                jsonName);
    }

    public Object get(Object owner) {
        try {
            return (Object) getter.invokeExact(owner);
        } catch (Throwable t) {
            throw Failures.unchecked(t);
        }
    }

    public void set(Object owner, Object value) {
        try {
            setter.invokeExact(owner, value);
        } catch (Throwable t) {
            throw Failures.unchecked(t);
        }
    }

    /** The value a record gets for this field when nothing sets it. */
    Object defaultValue() {
        if (!raw.isPrimitive()) {
            return null;
        }
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(raw, 1), 0);
    }

    @Override
    public String toString() {
        return name;
    }
}

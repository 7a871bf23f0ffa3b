package dev.rigel.dto;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays out, once at startup, how a declared type that holds a DTO's model is written (Litestar
 * shapes only its own pagination containers here; its issue #2500 asks for any generic wrapper).
 * The rule: the model itself goes through the DTO; collections, arrays, {@code Optional}s and maps
 * are walked into; a generic class whose type arguments mention the model is written property by
 * property, where a property declared with one of the class's type parameters ({@code T data},
 * {@code List<T> items}, {@code Page<T> page}) is laid out by the same rule and every other
 * property is written whole by the app's mapper. The properties, their order and wire names are
 * the ones the app's mapper finds, so a wrapper reads as it would without a DTO.
 */
final class TypePlanner {

    private static final MethodType READ = MethodType.methodType(Object.class, Object.class);

    private final JsonBridge json;
    private final Class<?> model;
    private final TypeWriter modelWriter;
    private final boolean skipNulls;
    /** generic classes laid out so far, by their full type: a type that contains itself ends here */
    private final Map<JavaType, TypeWriter.Generic> generics = new HashMap<>();

    private TypePlanner(JsonBridge json, Class<?> model, OutObject out, boolean skipNulls) {
        this.json = json;
        this.model = model;
        this.modelWriter = new TypeWriter.Model(out);
        this.skipNulls = skipNulls;
    }

    /**
     * The writer of {@code type}.
     *
     * @throws IllegalArgumentException when no value of the model sits where the DTO could shape it
     */
    static TypeWriter plan(JsonBridge json, Class<?> model, OutObject out, boolean skipNulls, Type type) {
        TypePlanner planner = new TypePlanner(json, model, out, skipNulls);
        JavaType declared = json.type(type);
        if (!planner.holdsModel(declared)) {
            throw new IllegalArgumentException(describe(type) + " holds no " + model.getSimpleName() + " where the"
                    + " DTO could shape it: return the model, a collection, array, Optional or Map of it, or a"
                    + " generic class with the model as a type argument (Envelope<" + model.getSimpleName() + ">)");
        }
        return planner.writer(declared);
    }

    private TypeWriter writer(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (model.isAssignableFrom(raw)) {
            return modelWriter;
        }
        if (!holdsModel(type)) {
            return plain(type);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return new TypeWriter.Sequence(writer(type.getContentType()));
        }
        if (raw == Optional.class) {
            return new TypeWriter.Maybe(writer(type.containedTypeOrUnknown(0)));
        }
        if (type.isMapLikeType()) {
            return new TypeWriter.Dictionary(keySerializer(type.getKeyType()), writer(type.getContentType()));
        }
        return generic(type);
    }

    /** Whether a value of the model can sit in {@code type}: itself, or as (part of) a type argument. */
    private boolean holdsModel(JavaType type) {
        if (model.isAssignableFrom(type.getRawClass())) {
            return true;
        }
        if ((type.isArrayType() || type.isCollectionLikeType() || type.isMapLikeType())
                && type.getContentType() != null) {
            return holdsModel(type.getContentType());
        }
        for (int i = 0; i < type.containedTypeCount(); i++) {
            if (holdsModel(type.containedType(i))) {
                return true;
            }
        }
        return false;
    }

    private TypeWriter generic(JavaType type) {
        TypeWriter.Generic known = generics.get(type);
        if (known != null) {
            return known;
        }
        TypeWriter.Generic writer = new TypeWriter.Generic();
        generics.put(type, writer);
        BeanDescription description = json.mapper.getSerializationConfig().introspect(type);
        List<TypeWriter.Generic.Property> properties = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (!property.couldSerialize() || accessor == null) {
                continue;
            }
            JavaType propertyType = accessor.getType();
            TypeWriter propertyWriter =
                    mentionsTypeVariable(declaredType(accessor)) ? writer(propertyType) : plain(propertyType);
            properties.add(new TypeWriter.Generic.Property(
                    new SerializedString(property.getName()), getter(accessor, type), propertyWriter));
        }
        writer.complete(properties.toArray(TypeWriter.Generic.Property[]::new), skipNulls);
        return writer;
    }

    private TypeWriter plain(JavaType type) {
        Class<?> raw = type.getRawClass();
        boolean fixed = raw.isPrimitive()
                || raw.isArray()
                || raw.isEnum()
                || Modifier.isFinal(raw.getModifiers())
                || type.isContainerType()
                || raw == Optional.class;
        // an open type (Object, an interface, a class with subclasses): the value's class decides, as in Jackson
        return new TypeWriter.Plain(fixed ? json.serializer(type) : null);
    }

    private JsonSerializer<Object> keySerializer(JavaType keyType) {
        try {
            return json.mapper.getSerializerProviderInstance().findKeySerializer(keyType, null);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(
                    "the JSON mapper cannot write map keys of " + keyType + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Type declaredType(AnnotatedMember accessor) {
        if (accessor instanceof AnnotatedMethod method) {
            return method.getAnnotated().getGenericReturnType();
        }
        if (accessor instanceof AnnotatedField field) {
            return field.getAnnotated().getGenericType();
        }
        return Object.class;
    }

    /** Whether a declared field type uses a type parameter of its class ({@code T}, {@code List<T>}). */
    private static boolean mentionsTypeVariable(Type type) {
        if (type instanceof TypeVariable<?>) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (mentionsTypeVariable(argument)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof GenericArrayType array) {
            return mentionsTypeVariable(array.getGenericComponentType());
        }
        if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                if (mentionsTypeVariable(bound)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A handle reading the property from its owner, {@code (Object) -> Object}. */
    private static MethodHandle getter(AnnotatedMember accessor, JavaType owner) {
        try {
            if (accessor.getMember() instanceof Method method) {
                method.setAccessible(true);
                return MethodHandles.lookup().unreflect(method).asType(READ);
            }
            Field field = (Field) accessor.getMember();
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field).asType(READ);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot read " + owner.getRawClass().getName() + "." + accessor.getName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String describe(Type type) {
        return dev.rigel.internal.invoke.Types.describe(type);
    }
}

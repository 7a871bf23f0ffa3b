package dev.rigel.openapi.internal;

import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/**
 * Which properties of a generic class a return DTO shapes: those declared with one of the class's
 * type parameters ({@code T data}, {@code List<T> items}), the same rule rigel-core's DTO layer
 * writes responses by, so the schema says what the response holds.
 */
final class TypeParameters {

    private TypeParameters() {}

    static boolean declaredWithOne(BeanPropertyDefinition property) {
        AnnotatedMember accessor = property.getAccessor();
        if (accessor instanceof AnnotatedMethod method) {
            return mentionsOne(method.getAnnotated().getGenericReturnType());
        }
        if (accessor instanceof AnnotatedField field) {
            return mentionsOne(field.getAnnotated().getGenericType());
        }
        return false;
    }

    private static boolean mentionsOne(Type type) {
        return switch (type) {
            case TypeVariable<?> variable -> true;
            case ParameterizedType parameterized -> anyMentionsOne(parameterized.getActualTypeArguments());
            case GenericArrayType array -> mentionsOne(array.getGenericComponentType());
            case WildcardType wildcard -> anyMentionsOne(wildcard.getUpperBounds());
            default -> false;
        };
    }

    private static boolean anyMentionsOne(Type[] types) {
        for (Type type : types) {
            if (mentionsOne(type)) {
                return true;
            }
        }
        return false;
    }
}

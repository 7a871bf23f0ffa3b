package dev.rigel.dto;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/** Finds a DTO class's model type from its type arguments ({@code extends RecordDTO<User>}). */
final class ModelTypes {

    private ModelTypes() {}

    @SuppressWarnings("unchecked")
    public static <T> Class<T> modelTypeOf(Class<?> dtoClass) {
        // walk up to AbstractDTO, resolving type variables bound on the way (class A<X> extends RecordDTO<X>)
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        Class<?> current = dtoClass;
        while (current != null && current != AbstractDTO.class) {
            Type parent = current.getGenericSuperclass();
            if (parent instanceof ParameterizedType parameterized) {
                Class<?> raw = (Class<?>) parameterized.getRawType();
                TypeVariable<?>[] variables = raw.getTypeParameters();
                Type[] arguments = parameterized.getActualTypeArguments();
                for (int i = 0; i < variables.length; i++) {
                    Type argument = arguments[i];
                    while (argument instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
                        argument = bindings.get(variable);
                    }
                    bindings.put(variables[i], argument);
                }
                if (raw == AbstractDTO.class) {
                    Type model = bindings.get(AbstractDTO.class.getTypeParameters()[0]);
                    if (model instanceof Class<?> cls) {
                        return (Class<T>) cls;
                    }
                    if (model instanceof ParameterizedType generic) {
                        return (Class<T>) generic.getRawType();
                    }
                    break;
                }
                current = raw;
            } else {
                current = current.getSuperclass();
            }
        }
        throw new IllegalArgumentException(dtoClass.getName() + " does not say which model it shapes: give the model"
                + " as the type argument (class " + dtoClass.getSimpleName() + " extends RecordDTO<User>) or pass"
                + " it to the constructor");
    }
}

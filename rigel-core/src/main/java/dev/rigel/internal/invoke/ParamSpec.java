package dev.rigel.internal.invoke;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * One declared parameter of a handler or provider. {@code name} is null when the compiler kept no
 * name (lambda bodies, or classes built without {@code -parameters}).
 */
public record ParamSpec(int index, String name, Type type, Annotation[] annotations) {

    public Class<?> rawType() {
        return Types.raw(type);
    }

    public <A extends Annotation> A annotation(Class<A> annotationType) {
        for (Annotation annotation : annotations) {
            if (annotationType.isInstance(annotation)) {
                return annotationType.cast(annotation);
            }
        }
        return null;
    }
}

package dev.rigel.spi;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * What tells an annotation apart as something Hibernate Validator acts on, for the fast paths that
 * skip bootstrapping the validator when nothing needs it (the core's routes, rigel-config's
 * settings). Both answer "ask the validator" whenever this says an annotation may matter.
 */
public final class ConstraintMarks {

    /**
     * Whether a {@code META-INF/validation.xml} is there for Hibernate Validator to read: it can add
     * constraints without annotations, so no class can then be taken as unconstrained.
     */
    public static final boolean VALIDATION_XML = validationXmlPresent();

    private ConstraintMarks() {}

    /**
     * {@code @Valid}, a constraint (the app's own ones are meta-annotated {@code @Constraint}),
     * anything from Jakarta Validation or Hibernate Validator ({@code @GroupSequence},
     * {@code @Min.List}), or a container of repeated constraints ({@code @Mine.List}).
     */
    public static boolean constraintLike(Annotation annotation) {
        if (annotation instanceof Valid) {
            return true;
        }
        Class<? extends Annotation> type = annotation.annotationType();
        String name = type.getName();
        if (name.startsWith("jakarta.validation.")
                || name.startsWith("org.hibernate.validator.")
                || type.isAnnotationPresent(Constraint.class)) {
            return true;
        }
        try {
            Method value = type.getMethod("value");
            if (value.getReturnType().isArray()
                    && value.getReturnType().getComponentType().isAnnotation()) {
                for (Object inner : (Object[]) value.invoke(annotation)) {
                    if (constraintLike((Annotation) inner)) {
                        return true;
                    }
                }
            }
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // cannot look inside: let the validator decide
        }
        return false;
    }

    private static boolean validationXmlPresent() {
        String name = "META-INF/validation.xml";
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return (context != null && context.getResource(name) != null)
                || ConstraintMarks.class.getClassLoader().getResource(name) != null;
    }
}

package dev.rigel.dto.field;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a model field (a record component, a field, or a bean getter) for every DTO over that
 * model, whatever their include/exclude says:
 *
 * <pre>{@code
 * record User(@DTOField(mark = Mark.READ_ONLY) Long id, String name,
 *             @DTOField(mark = Mark.PRIVATE) String passwordHash) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface DTOField {

    /** Which way the field travels. */
    Mark mark();
}

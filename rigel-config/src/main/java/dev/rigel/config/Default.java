package dev.rigel.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a setting takes when no flag, variable or file sets it, written as it would be in a
 * file ({@code @Default("8000") int port}, {@code @Default("30s") Duration timeout},
 * {@code @Default("a,b") List<String> names}). It is converted and validated like any other value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Default {

    String value();
}

package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route annotation ({@link Get @Get}, {@link Post @Post}, …) with the HTTP method it
 * stands for. Rigel reads a route annotation's attributes by name ({@code value}, {@code status},
 * {@code guards}, … as on {@link Route @Route}), so an annotation of your own with this marker and
 * the same attributes declares routes too, e.g. {@code @Options}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface HttpMethod {

    /** The method, upper-case, e.g. {@code "GET"}. */
    String value();
}

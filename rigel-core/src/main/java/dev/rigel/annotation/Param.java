package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says where a handler or provider parameter comes from when its name alone does not: a header
 * ({@code @Param(header = "x-api-key") String apiKey}), a cookie, a query parameter under another
 * name ({@code @Param(query = "page_size") int pageSize}), and a default for when it is absent.
 * Set at most one of {@code header}, {@code cookie}, {@code query}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

    /** Bind the named request header. */
    String header() default "";

    /** Bind the named request cookie. */
    String cookie() default "";

    /** Bind the named query parameter (by default a query parameter's name is the Java name). */
    String query() default "";

    /** Used when the value is absent; converted like a sent value. */
    String defaultValue() default NO_DEFAULT;

    /** When false, an absent value binds as null instead of failing with 400. */
    boolean required() default true;

    /** Marker for "no default given". */
    String NO_DEFAULT = "\u0000rigel:no-default";
}

package dev.rigel.form;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler's {@code data} parameter as a form body ({@code application/x-www-form-urlencoded}
 * or {@code multipart/form-data}) instead of JSON:
 *
 * <pre>{@code
 * @Post("/signup")
 * public Redirect signup(@Form Signup data) { … }      // record Signup(String email, int age, boolean terms)
 * }</pre>
 *
 * <p>Fields are matched to record components, setters or public fields by name (the Java name, or
 * as the JSON naming strategy spells it) and converted as query parameters are; a body with another
 * content type is refused with 415. Parameters of type {@link UploadFile}, {@code List<UploadFile>},
 * {@link FormData}, or a record with an {@code UploadFile} component are forms without the
 * annotation, since nothing else could fill them. JSON stays the default for every other type: a
 * JSON endpoint never starts accepting the simple form posts any cross-site page can send.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Form {}

package dev.rigel.dto.spi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import java.lang.reflect.AnnotatedElement;

/**
 * Reads the field annotations a DTO honours from wherever Java put them (record component, field,
 * accessor): {@link DTOField} marks, Jackson's {@code @JsonProperty} name, and {@code @JsonIgnore},
 * which keeps a field off the wire as it does in plain Jackson.
 */
final class Annotations {

    private Annotations() {}

    static Mark mark(AnnotatedElement... elements) {
        for (AnnotatedElement element : elements) {
            if (element == null) {
                continue;
            }
            DTOField field = element.getAnnotation(DTOField.class);
            if (field != null) {
                return field.mark();
            }
            JsonIgnore ignore = element.getAnnotation(JsonIgnore.class);
            if (ignore != null && ignore.value()) {
                return Mark.PRIVATE;
            }
        }
        return null;
    }

    static String jsonName(AnnotatedElement... elements) {
        for (AnnotatedElement element : elements) {
            JsonProperty property = element == null ? null : element.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        }
        return null;
    }
}

package dev.rigel.internal.form;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.form.FormData;
import dev.rigel.form.UploadFile;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.text.ValueConverter;
import dev.rigel.internal.text.ValueConverters;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One field of a form-bound record or bean, planned at startup: the names it is looked up by, and
 * how its text values or files become the declared type. Text converts as a query parameter
 * would; an empty text value counts as absent for every type but {@code String} (an HTML form
 * sends {@code ""} for an input left empty). A missing primitive {@code boolean} is false (an
 * unticked checkbox sends no field); any other missing primitive of a record is an error.
 */
final class FormField {

    private enum Kind {
        SCALAR,
        OPTIONAL_SCALAR,
        SCALAR_LIST,
        SCALAR_SET,
        FILE,
        OPTIONAL_FILE,
        FILE_LIST
    }

    private final String key;
    private final String javaName;
    private final Kind kind;
    private final ValueConverter converter;
    private final boolean keepsEmptyText;
    private final boolean required;

    private FormField(
            String key,
            String javaName,
            Kind kind,
            ValueConverter converter,
            boolean keepsEmptyText,
            boolean required) {
        this.key = key;
        this.javaName = javaName;
        this.kind = kind;
        this.converter = converter;
        this.keepsEmptyText = keepsEmptyText;
        this.required = required;
    }

    /**
     * Plans the field {@code javaName} of {@code type}; {@code key} is its name on the wire (the
     * JSON naming strategy's spelling). {@code primitiveRequired}: a missing primitive is an error
     * (records, which cannot leave it unset) rather than left at its default (beans).
     */
    static FormField plan(String key, String javaName, Type type, boolean primitiveRequired, String owner) {
        Class<?> raw = Types.raw(type);
        if (raw == UploadFile.class) {
            return new FormField(key, javaName, Kind.FILE, null, false, false);
        }
        if (raw == Optional.class || raw == List.class || raw == Set.class || raw == Collection.class) {
            Class<?> element = Types.raw(Types.typeArgument(type, 0));
            if (element == UploadFile.class) {
                if (raw == Optional.class) {
                    return new FormField(key, javaName, Kind.OPTIONAL_FILE, null, false, false);
                }
                if (raw != Set.class) {
                    return new FormField(key, javaName, Kind.FILE_LIST, null, false, false);
                }
            }
            ValueConverter converter = scalar(element);
            if (converter != null) {
                Kind kind = raw == Optional.class
                        ? Kind.OPTIONAL_SCALAR
                        : raw == Set.class ? Kind.SCALAR_SET : Kind.SCALAR_LIST;
                return new FormField(key, javaName, kind, converter, element == String.class, false);
            }
        } else {
            ValueConverter converter = scalar(raw);
            if (converter != null) {
                // an unticked checkbox sends nothing at all, so a missing boolean is false, not an error
                return new FormField(
                        key,
                        javaName,
                        Kind.SCALAR,
                        converter,
                        raw == String.class,
                        primitiveRequired && raw.isPrimitive() && raw != boolean.class);
            }
        }
        throw new ImproperlyConfiguredException(owner + ": form field '" + javaName + "' has type "
                + Types.describe(type) + ", which a form cannot fill; use String, a number, boolean, enum, UUID or"
                + " java.time type, an Optional, List or Set of those, UploadFile, Optional<UploadFile> or"
                + " List<UploadFile>");
    }

    private static ValueConverter scalar(Class<?> type) {
        return type == Object.class ? null : ValueConverters.forType(type);
    }

    String javaName() {
        return javaName;
    }

    /** The field's name on the wire, used in validation errors. */
    String key() {
        return key;
    }

    /** The field's value from {@code form}, or null when absent (a conversion failure is added to {@code errors}). */
    Object value(FormData form, List<ValidationError> errors) {
        return switch (kind) {
            case FILE -> form.file(name(form));
            case OPTIONAL_FILE -> Optional.ofNullable(form.file(name(form)));
            case FILE_LIST -> form.files(name(form));
            case SCALAR -> {
                List<String> values = texts(form);
                if (values.isEmpty()) {
                    if (required) {
                        errors.add(new ValidationError(key, "Missing required form field '" + key + "'", "body"));
                    }
                    yield null;
                }
                yield convert(values.get(0), errors);
            }
            case OPTIONAL_SCALAR -> {
                List<String> values = texts(form);
                yield values.isEmpty() ? Optional.empty() : Optional.ofNullable(convert(values.get(0), errors));
            }
            case SCALAR_LIST, SCALAR_SET -> {
                Collection<Object> converted = kind == Kind.SCALAR_SET ? new LinkedHashSet<>() : new ArrayList<>();
                for (String text : texts(form)) {
                    converted.add(convert(text, errors));
                }
                yield kind == Kind.SCALAR_SET
                        ? Set.copyOf(converted)
                        : java.util.Collections.unmodifiableList(new ArrayList<>(converted));
            }
        };
    }

    /** Whether the form sent anything for this field (beans keep their default otherwise). */
    boolean present(FormData form) {
        return switch (kind) {
            case FILE, OPTIONAL_FILE, FILE_LIST -> !form.files(name(form)).isEmpty();
            default -> !texts(form).isEmpty();
        };
    }

    /** The wire name, else the Java name when the form used that spelling instead. */
    private String name(FormData form) {
        if (key.equals(javaName) || form.contains(key)) {
            return key;
        }
        return form.contains(javaName) ? javaName : key;
    }

    private List<String> texts(FormData form) {
        List<String> values = form.getAll(name(form));
        if (keepsEmptyText || values.isEmpty()) {
            return values;
        }
        List<String> nonEmpty = new ArrayList<>(values.size());
        for (String value : values) {
            if (!value.isEmpty()) {
                nonEmpty.add(value);
            }
        }
        return nonEmpty;
    }

    private Object convert(String text, List<ValidationError> errors) {
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            errors.add(new ValidationError(key, e.getMessage(), "body"));
            return null;
        }
    }
}

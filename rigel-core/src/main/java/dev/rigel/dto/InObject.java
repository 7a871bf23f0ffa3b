package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rigel.dto.spi.ModelProperty;
import dev.rigel.dto.spi.ModelShape;
import dev.rigel.internal.invoke.Types;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one model (at one place in the DTO's tree) from a JSON object, checks it, and turns it
 * into a model: the inbound half of a compiled DTO. Fields are looked up by wire name, expecting
 * the declared order first (clients usually keep it) and falling back to a hash lookup.
 */
final class InObject {

    final ModelShape shape;
    private final InField[] fields;
    /** wire names, interned like the parser's, so the in-order guess is one identity comparison */
    private final String[] names;

    private final Map<String, InField> byWireName;
    private final Map<String, InField> byJavaName;
    private final boolean partial;
    private final boolean forbidUnknownFields;
    private final Validator validator;
    /** whether {@link #check} has anything to do (constraints, required fields, nested checks) */
    final boolean needsCheck;

    private final DTODescription description;

    InObject(
            ModelShape shape,
            InField[] fields,
            boolean partial,
            boolean forbidUnknownFields,
            Validator validator,
            boolean nestedNeedCheck,
            DTODescription description) {
        this.shape = shape;
        this.fields = fields;
        this.names = new String[fields.length];
        this.byWireName = new HashMap<>();
        this.byJavaName = new HashMap<>();
        boolean checks = nestedNeedCheck;
        for (InField field : fields) {
            names[field.order] = field.wireName.intern();
            byWireName.put(field.wireName, field);
            byJavaName.put(field.property.name, field);
            checks |= field.constrained || field.requiredWhenFull && !partial;
        }
        this.partial = partial;
        this.forbidUnknownFields = forbidUnknownFields;
        this.validator = validator;
        this.needsCheck = checks;
        this.description = description;
    }

    DTODescription description() {
        return description;
    }

    /** Reads the object whose START_OBJECT the parser is on; {@code prefix} is its key path, "" at the root. */
    DecodedObject read(JsonParser parser, DecodeState state, String prefix) throws IOException {
        Object[] values = new Object[fields.length];
        boolean[] sent = new boolean[fields.length];
        int expected = 0;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            InField field =
                    expected < names.length && names[expected] == name ? fields[expected] : byWireName.get(name);
            JsonToken token = parser.nextToken();
            if (field == null) {
                if (forbidUnknownFields) {
                    state.error(prefix + name, "unknown field");
                }
                parser.skipChildren();
                continue;
            }
            expected = field.order + 1;
            Object value = field.read(parser, token, state, prefix);
            if (value != DecodeState.INVALID) {
                values[field.order] = value;
                sent[field.order] = true;
            }
        }
        return new DecodedObject(this, values, sent);
    }

    /**
     * Checks a decoded object: required fields of a full DTO, then the Jakarta constraints of each
     * field the client could send (all of them for a full DTO, absent ones as null; only the sent
     * ones for a partial DTO), then nested objects. Fields the DTO does not accept are never checked:
     * the client cannot fix them.
     */
    void check(DecodedObject decoded, String prefix, DecodeState state) {
        for (InField field : fields) {
            boolean sent = decoded.sent[field.order];
            if (!sent) {
                if (partial) {
                    continue;
                }
                if (field.requiredWhenFull) {
                    state.error(field.key(prefix), "field required");
                    continue;
                }
            }
            Object value = sent ? decoded.values[field.order] : null;
            if (field.constrained) {
                validate(field, sent ? field.materialize(value) : null, prefix, state);
            }
            if (sent) {
                field.checkNested(value, prefix, state);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void validate(InField field, Object value, String prefix, DecodeState state) {
        Set<ConstraintViolation<Object>> violations =
                validator.validateValue((Class<Object>) shape.type, field.property.name, value);
        for (ConstraintViolation<Object> violation : violations) {
            state.error(field.key(prefix) + containerPath(violation.getPropertyPath()), violation.getMessage());
        }
    }

    /** ".2" for a constraint on the third element of a list field; "" for the field itself. */
    private static String containerPath(Path path) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Path.Node node : path) {
            if (first) {
                first = false;
                continue;
            }
            if (node.getIndex() != null) {
                out.append('.').append(node.getIndex());
            } else if (node.getKey() != null) {
                out.append('.').append(node.getKey());
            }
        }
        return out.toString();
    }

    Object create(DecodedObject decoded, Map<String, ?> overrides) {
        if (shape.record) {
            Object[] arguments = shape.defaultArguments();
            for (InField field : fields) {
                if (decoded.sent[field.order]) {
                    arguments[field.property.index] = field.materialize(decoded.values[field.order]);
                }
            }
            override(arguments, overrides);
            return shape.construct(arguments);
        }
        Object instance = shape.instantiate();
        for (InField field : fields) {
            if (decoded.sent[field.order]) {
                field.property.set(instance, field.materialize(decoded.values[field.order]));
            }
        }
        override(instance, overrides);
        return instance;
    }

    Object update(Object existing, DecodedObject decoded, Map<String, ?> overrides) {
        if (!shape.type.isInstance(existing)) {
            throw new IllegalArgumentException("updateInstance needs a " + shape.type.getSimpleName() + ", got "
                    + (existing == null ? "null" : existing.getClass().getName()));
        }
        if (shape.record) {
            Object[] arguments = new Object[shape.properties.size()];
            for (ModelProperty property : shape.properties) {
                arguments[property.index] = property.get(existing);
            }
            for (InField field : fields) {
                if (decoded.sent[field.order]) {
                    int index = field.property.index;
                    arguments[index] = field.merge(arguments[index], decoded.values[field.order]);
                }
            }
            override(arguments, overrides);
            return shape.construct(arguments);
        }
        for (InField field : fields) {
            if (decoded.sent[field.order]) {
                ModelProperty property = field.property;
                property.set(existing, field.merge(property.get(existing), decoded.values[field.order]));
            }
        }
        override(existing, overrides);
        return existing;
    }

    private void override(Object[] arguments, Map<String, ?> overrides) {
        if (overrides != null) {
            overrides.forEach((name, value) -> arguments[checked(name, value).index] = value);
        }
    }

    private void override(Object instance, Map<String, ?> overrides) {
        if (overrides == null) {
            return;
        }
        overrides.forEach((name, value) -> {
            ModelProperty property = checked(name, value);
            if (property.setter == null) {
                throw new IllegalArgumentException("Field '" + name + "' of " + shape.type.getSimpleName()
                        + " is final and has no setter; it cannot be overridden");
            }
            property.set(instance, value);
        });
    }

    private ModelProperty checked(String name, Object value) {
        ModelProperty property = shape.property(name);
        if (value == null
                ? property.raw.isPrimitive()
                : !Types.boxed(property.raw).isInstance(value)) {
            throw new IllegalArgumentException("Override '" + name + "' of " + shape.type.getSimpleName()
                    + " must be a " + Types.describe(property.type) + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return property;
    }

    Map<String, Object> asMap(DecodedObject decoded) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (InField field : fields) {
            if (decoded.sent[field.order]) {
                map.put(field.property.name, field.plain(decoded.values[field.order]));
            }
        }
        return map;
    }

    /** The inbound field for a Java field name; null when the model has it but the DTO does not read it. */
    InField field(String javaName) {
        InField field = byJavaName.get(javaName);
        if (field == null) {
            shape.property(javaName); // a name the model does not have at all is a mistake worth an error
        }
        return field;
    }

    Iterable<InField> fields() {
        return java.util.Arrays.asList(fields);
    }
}

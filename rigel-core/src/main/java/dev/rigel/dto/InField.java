package dev.rigel.dto;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.rigel.dto.spi.ModelProperty;
import dev.rigel.exceptions.HttpException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads one model field from the JSON value under its wire name. Decoded values stay "decoded"
 * (a nested model is a {@link DecodedObject}) until {@link #materialize} turns them into model
 * values, so partial nested input can be merged into an existing model and reported as sent.
 */
abstract class InField {

    final String wireName;
    final int order;
    final ModelProperty property;
    /** Constraints on the field itself, checked with Bean Validation's validateValue. */
    final boolean constrained;
    /** A record's primitive component: it has no "absent" value, so a full (non-partial) DTO requires it. */
    final boolean requiredWhenFull;

    InField(String wireName, int order, ModelProperty property, boolean constrained, boolean requiredWhenFull) {
        this.wireName = wireName;
        this.order = order;
        this.property = property;
        this.constrained = constrained;
        this.requiredWhenFull = requiredWhenFull;
    }

    /**
     * Reads the value whose first token {@code token} the parser is on; returns
     * {@link DecodeState#INVALID} after reporting a bad value.
     */
    abstract Object read(JsonParser parser, JsonToken token, DecodeState state, String prefix) throws IOException;

    /** The model value for a decoded value. */
    Object materialize(Object decoded) {
        return decoded;
    }

    /** The decoded value merged into the field's current value (nested models merge field by field). */
    Object merge(Object current, Object decoded) {
        return materialize(decoded);
    }

    /** The decoded value as {@link dev.rigel.dto.DTOData#asMap()} shows it. */
    Object plain(Object decoded) {
        return decoded;
    }

    /** Validates what was decoded inside a nested value. */
    void checkNested(Object decoded, String prefix, DecodeState state) {}

    final String key(String prefix) {
        return prefix.isEmpty() ? wireName : prefix + wireName;
    }

    /** Runs a deserializer of the app's mapper, reporting what it refuses under this field's key. */
    final Object deserialize(
            JsonDeserializer<Object> deserializer, JsonParser parser, JsonToken token, DecodeState state, String prefix)
            throws IOException {
        JsonStreamContext at = parser.getParsingContext();
        try {
            return deserializer.deserialize(parser, state.context(parser));
        } catch (JacksonException e) {
            return state.refused(parser, e, key(prefix), token, at);
        } catch (HttpException e) {
            throw e; // an app's deserializer refusing with a status of its own
        } catch (RuntimeException e) {
            // a value Jackson parsed but cannot represent (1e-2147483648 as a BigDecimal, an epoch
            // number past Instant.MAX): the mapper wraps what a deserializer throws when it drives
            // it (WRAP_EXCEPTIONS); called directly, so do we
            Class<?> type = deserializer.handledType();
            String target = type == null ? "the field's type" : "`" + type.getName() + "`";
            return state.refused(
                    parser,
                    JsonMappingException.from(parser, "cannot read the value as " + target, e),
                    key(prefix),
                    token,
                    at);
        }
    }

    /** Strings: the common case read straight from the parser, anything else as Jackson coerces it. */
    static final class StringIn extends InField {
        private final JsonDeserializer<Object> deserializer;

        StringIn(
                String wireName,
                int order,
                ModelProperty property,
                boolean constrained,
                JsonDeserializer<Object> deserializer) {
            super(wireName, order, property, constrained, false);
            this.deserializer = deserializer;
        }

        @Override
        Object read(JsonParser parser, JsonToken token, DecodeState state, String prefix) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            return deserialize(deserializer, parser, token, state, prefix);
        }
    }

    /** What a plain value is, so the most common ones skip the deserializer call. */
    enum Kind {
        INT,
        LONG,
        BOOLEAN,
        DOUBLE,
        OTHER
    }

    /** Any other plain value, through the app mapper's deserializer for the field's type. */
    static final class ValueIn extends InField {
        private final JsonDeserializer<Object> deserializer;
        private final Kind kind;
        private final boolean primitive;

        ValueIn(
                String wireName,
                int order,
                ModelProperty property,
                boolean constrained,
                boolean requiredWhenFull,
                JsonDeserializer<Object> deserializer,
                Kind kind) {
            super(wireName, order, property, constrained, requiredWhenFull);
            this.deserializer = deserializer;
            this.kind = kind;
            this.primitive = property.raw.isPrimitive();
        }

        @Override
        Object read(JsonParser parser, JsonToken token, DecodeState state, String prefix) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                if (primitive) {
                    state.error(key(prefix), "must not be null");
                    return DecodeState.INVALID;
                }
                return deserializer.getNullValue(state.context(parser));
            }
            switch (kind) {
                case INT -> {
                    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                        return parser.getIntValue();
                    }
                }
                case LONG -> {
                    if (token == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        return parser.getLongValue();
                    }
                }
                case BOOLEAN -> {
                    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                        return token == JsonToken.VALUE_TRUE;
                    }
                }
                case DOUBLE -> {
                    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                        return parser.getDoubleValue();
                    }
                }
                case OTHER -> {
                    // every other type goes to its deserializer
                }
            }
            return deserialize(deserializer, parser, token, state, prefix);
        }
    }

    /** A nested model: a JSON object read by the nested model's own plan. */
    static final class NestedIn extends InField {
        private final InObject nested;

        NestedIn(String wireName, int order, ModelProperty property, boolean constrained, InObject nested) {
            super(wireName, order, property, constrained, false);
            this.nested = nested;
        }

        @Override
        Object read(JsonParser parser, JsonToken token, DecodeState state, String prefix) throws IOException {
            if (token == JsonToken.START_OBJECT) {
                return nested.read(parser, state, key(prefix) + ".");
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            state.error(key(prefix), "expected an object");
            parser.skipChildren();
            return DecodeState.INVALID;
        }

        @Override
        Object materialize(Object decoded) {
            return decoded == null ? null : ((DecodedObject) decoded).create(null);
        }

        @Override
        Object merge(Object current, Object decoded) {
            if (current == null || decoded == null) {
                return materialize(decoded);
            }
            return ((DecodedObject) decoded).updateInstance(current);
        }

        @Override
        Object plain(Object decoded) {
            return decoded == null ? null : ((DecodedObject) decoded).asMap();
        }

        @Override
        void checkNested(Object decoded, String prefix, DecodeState state) {
            if (decoded != null) {
                nested.check((DecodedObject) decoded, key(prefix) + ".", state);
            }
        }
    }

    /** A list or set of nested models: a JSON array of objects. */
    static final class NestedCollectionIn extends InField {
        private final InObject element;
        private final boolean set;

        NestedCollectionIn(
                String wireName,
                int order,
                ModelProperty property,
                boolean constrained,
                InObject element,
                boolean set) {
            super(wireName, order, property, constrained, false);
            this.element = element;
            this.set = set;
        }

        @Override
        Object read(JsonParser parser, JsonToken token, DecodeState state, String prefix) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                state.error(key(prefix), "expected an array");
                parser.skipChildren();
                return DecodeState.INVALID;
            }
            List<DecodedObject> elements = new ArrayList<>();
            String key = key(prefix);
            int index = 0;
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken(), index++) {
                if (next == JsonToken.START_OBJECT) {
                    elements.add(element.read(parser, state, key + "." + index + "."));
                } else if (next == JsonToken.VALUE_NULL) {
                    elements.add(null);
                } else {
                    state.error(key + "." + index, "expected an object");
                    parser.skipChildren();
                }
            }
            return elements;
        }

        @Override
        Object materialize(Object decoded) {
            if (decoded == null) {
                return null;
            }
            List<?> elements = (List<?>) decoded;
            Collection<Object> models = set ? new LinkedHashSet<>() : new ArrayList<>(elements.size());
            for (Object value : elements) {
                models.add(value == null ? null : ((DecodedObject) value).create(null));
            }
            return models;
        }

        @Override
        Object plain(Object decoded) {
            if (decoded == null) {
                return null;
            }
            List<?> elements = (List<?>) decoded;
            List<Map<String, Object>> maps = new ArrayList<>(elements.size());
            for (Object value : elements) {
                maps.add(value == null ? null : ((DecodedObject) value).asMap());
            }
            return maps;
        }

        @Override
        void checkNested(Object decoded, String prefix, DecodeState state) {
            if (decoded == null) {
                return;
            }
            List<?> elements = (List<?>) decoded;
            String key = key(prefix);
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) != null) {
                    element.check((DecodedObject) elements.get(i), key + "." + i + ".", state);
                }
            }
        }
    }
}

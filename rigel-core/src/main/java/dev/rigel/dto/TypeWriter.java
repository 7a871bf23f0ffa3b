package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import dev.rigel.dto.spi.Failures;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one place of a declared type that holds a DTO's model somewhere inside it, as {@link
 * TypePlanner} laid it out at startup: the model through the DTO, containers of it element by
 * element, a generic class property by property, and whatever holds no model through the app
 * mapper's serializer.
 */
abstract class TypeWriter {

    /** Writes a non-null value. */
    abstract void write(Object value, JsonGenerator generator, EncodeState state) throws IOException;

    final void writeNullable(Object value, JsonGenerator generator, EncodeState state) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            write(value, generator, state);
        }
    }

    /** The model, through the DTO's outbound fields. */
    static final class Model extends TypeWriter {
        private final OutObject out;

        Model(OutObject out) {
            this.out = out;
        }

        @Override
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
            out.write(value, generator, state);
        }
    }

    /** A collection or an array: a JSON array of its elements. */
    static final class Sequence extends TypeWriter {
        private final TypeWriter element;

        Sequence(TypeWriter element) {
            this.element = element;
        }

        @Override
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
            generator.writeStartArray();
            if (value instanceof Object[] array) {
                for (Object item : array) {
                    element.writeNullable(item, generator, state);
                }
            } else {
                for (Object item : (Iterable<?>) value) {
                    element.writeNullable(item, generator, state);
                }
            }
            generator.writeEndArray();
        }
    }

    /** An {@code Optional}: its value, or null when empty. */
    static final class Maybe extends TypeWriter {
        private final TypeWriter inner;

        Maybe(TypeWriter inner) {
            this.inner = inner;
        }

        @Override
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
            inner.writeNullable(((Optional<?>) value).orElse(null), generator, state);
        }
    }

    /** A map: a JSON object, keys written by the mapper's key serializer, values by {@code values}. */
    static final class Dictionary extends TypeWriter {
        private final JsonSerializer<Object> keys;
        private final TypeWriter values;

        Dictionary(JsonSerializer<Object> keys, TypeWriter values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                Object key = entry.getKey();
                if (key == null) {
                    // as Jackson: JSON has no null name
                    throw new IllegalArgumentException("A map with a null key cannot be written as JSON");
                }
                keys.serialize(key, generator, state.provider());
                values.writeNullable(entry.getValue(), generator, state);
            }
            generator.writeEndObject();
        }
    }

    /** A value that holds no model: the app mapper's serializer (by runtime class for open types). */
    static final class Plain extends TypeWriter {
        private final JsonSerializer<Object> serializer;

        Plain(JsonSerializer<Object> serializer) {
            this.serializer = serializer;
        }

        @Override
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
            JsonSerializer<Object> chosen = serializer != null
                    ? serializer
                    : state.provider().findTypedValueSerializer(value.getClass(), true, null);
            chosen.serialize(value, generator, state.provider());
        }
    }

    /** A generic class: a JSON object of its properties, in the mapper's order and names. */
    static final class Generic extends TypeWriter {
        /** One property: its wire name, how to read it, how to write it. */
        record Property(SerializedString name, MethodHandle getter, TypeWriter writer) {}

        private Property[] properties;
        private boolean skipNulls;

        /** Filled after construction, so a type that contains itself can refer to its own writer. */
        void complete(Property[] all, boolean skipNullValues) {
            this.properties = all;
            this.skipNulls = skipNullValues;
        }

        @Override
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
            generator.writeStartObject();
            for (Property property : properties) {
                Object field;
                try {
                    field = (Object) property.getter.invokeExact(value);
                } catch (Throwable t) {
                    throw Failures.unchecked(t);
                }
                if (field == null || (field instanceof Optional<?> optional && optional.isEmpty() && skipNulls)) {
                    if (!skipNulls) {
                        generator.writeFieldName(property.name);
                        generator.writeNull();
                    }
                    continue;
                }
                generator.writeFieldName(property.name);
                property.writer.write(field, generator, state);
            }
            generator.writeEndObject();
        }
    }
}

package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import dev.rigel.dto.spi.Failures;
import java.io.IOException;
import java.lang.invoke.MethodHandle;

/**
 * Writes one model field as a JSON property: its pre-encoded name, then its value read through a
 * method handle. Strings and primitives are written straight to the generator (primitives without
 * boxing); nested models through their own {@link OutObject}; other values through the serializer
 * the app's mapper has for the field's type.
 */
abstract class OutField {

    final SerializedString name;
    final MethodHandle getter;
    final boolean skipNull;

    OutField(String name, MethodHandle getter, boolean skipNull) {
        this.name = new SerializedString(name);
        this.getter = getter;
        this.skipNull = skipNull;
    }

    abstract void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException;

    /** Reads a reference-typed field. */
    final Object value(Object owner) {
        try {
            return (Object) getter.invokeExact(owner);
        } catch (Throwable t) {
            throw Failures.unchecked(t);
        }
    }

    /** Writes the name and null, unless nulls are left out. */
    final void writeNull(JsonGenerator generator) throws IOException {
        if (!skipNull) {
            generator.writeFieldName(name);
            generator.writeNull();
        }
    }

    static final class IntField extends OutField {
        IntField(String name, MethodHandle getter) {
            super(name, getter, false);
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            int value;
            try {
                value = (int) getter.invokeExact(owner);
            } catch (Throwable t) {
                throw Failures.unchecked(t);
            }
            generator.writeFieldName(name);
            generator.writeNumber(value);
        }
    }

    static final class LongField extends OutField {
        LongField(String name, MethodHandle getter) {
            super(name, getter, false);
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            long value;
            try {
                value = (long) getter.invokeExact(owner);
            } catch (Throwable t) {
                throw Failures.unchecked(t);
            }
            generator.writeFieldName(name);
            generator.writeNumber(value);
        }
    }

    static final class DoubleField extends OutField {
        DoubleField(String name, MethodHandle getter) {
            super(name, getter, false);
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            double value;
            try {
                value = (double) getter.invokeExact(owner);
            } catch (Throwable t) {
                throw Failures.unchecked(t);
            }
            generator.writeFieldName(name);
            generator.writeNumber(value);
        }
    }

    static final class BooleanField extends OutField {
        BooleanField(String name, MethodHandle getter) {
            super(name, getter, false);
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            boolean value;
            try {
                value = (boolean) getter.invokeExact(owner);
            } catch (Throwable t) {
                throw Failures.unchecked(t);
            }
            generator.writeFieldName(name);
            generator.writeBoolean(value);
        }
    }

    static final class StringField extends OutField {
        StringField(String name, MethodHandle getter, boolean skipNull) {
            super(name, getter, skipNull);
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            Object value = value(owner);
            if (value == null) {
                writeNull(generator);
                return;
            }
            generator.writeFieldName(name);
            generator.writeString((String) value);
        }
    }

    /** Any other value, through the app mapper's serializer (found at compile time when the type is fixed). */
    static final class ValueField extends OutField {
        private final JsonSerializer<Object> serializer;

        ValueField(String name, MethodHandle getter, boolean skipNull, JsonSerializer<Object> serializer) {
            super(name, getter, skipNull);
            this.serializer = serializer;
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            Object value = value(owner);
            if (value == null) {
                writeNull(generator);
                return;
            }
            generator.writeFieldName(name);
            JsonSerializer<Object> chosen = serializer != null
                    ? serializer
                    // an open declared type (Object, an interface): the value's own class decides, as in Jackson
                    : state.provider().findTypedValueSerializer(value.getClass(), true, null);
            chosen.serialize(value, generator, state.provider());
        }
    }

    static final class NestedField extends OutField {
        private final OutObject nested;

        NestedField(String name, MethodHandle getter, boolean skipNull, OutObject nested) {
            super(name, getter, skipNull);
            this.nested = nested;
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            Object value = value(owner);
            if (value == null) {
                writeNull(generator);
                return;
            }
            generator.writeFieldName(name);
            nested.write(value, generator, state);
        }
    }

    static final class NestedCollectionField extends OutField {
        private final OutObject element;

        NestedCollectionField(String name, MethodHandle getter, boolean skipNull, OutObject element) {
            super(name, getter, skipNull);
            this.element = element;
        }

        @Override
        void write(Object owner, JsonGenerator generator, EncodeState state) throws IOException {
            Object value = value(owner);
            if (value == null) {
                writeNull(generator);
                return;
            }
            generator.writeFieldName(name);
            element.writeArray((Iterable<?>) value, generator, state);
        }
    }
}

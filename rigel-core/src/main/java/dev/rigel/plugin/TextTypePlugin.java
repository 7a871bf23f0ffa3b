package dev.rigel.plugin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** {@link SerializationPlugin#ofText}: one type, written and read as a JSON string. */
final class TextTypePlugin<T> implements SerializationPlugin {

    private final Class<T> type;
    private final Function<? super T, String> encoder;
    private final Function<String, ? extends T> decoder;

    TextTypePlugin(Class<T> type, Function<? super T, String> encoder, Function<String, ? extends T> decoder) {
        this.type = Objects.requireNonNull(type, "type");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public Module jacksonModule() {
        SimpleModule module = new SimpleModule("rigel-text-" + type.getName());
        module.addSerializer(type, new StdScalarSerializer<T>(type) {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(encoder.apply(value));
            }
        });
        module.addDeserializer(type, new StdScalarDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                String text = parser.getText();
                T value;
                try {
                    value = decoder.apply(text);
                } catch (RuntimeException e) {
                    value = null;
                }
                if (value == null) {
                    // an InvalidFormatException: reported to the client as "expected <Type>, got '<text>'"
                    return type.cast(
                            context.handleWeirdStringValue(type, text, "not a valid %s", type.getSimpleName()));
                }
                return value;
            }
        });
        return module;
    }

    @Override
    public Map<Class<?>, Function<String, ?>> textDecoders() {
        return Map.of(type, decoder);
    }

    @Override
    public String toString() {
        return "SerializationPlugin.ofText(" + type.getSimpleName() + ")";
    }
}

package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import java.lang.reflect.Type;

/**
 * The app's JSON mapper as DTO fields need it: serializers and deserializers for the plain values
 * (Instant, BigDecimal, UUID, enums, …) looked up once at compile time, and the per-call
 * serializer provider and deserialization context Jackson needs to run them. Values therefore
 * come out exactly as the rest of the app writes them (its modules, date formats, features).
 */
final class JsonBridge {

    final ObjectMapper mapper;
    private final DefaultSerializerProvider serializers;
    private final DefaultDeserializationContext deserializers;
    private final SerializerProvider startupProvider;
    private final DeserializationContext startupContext;

    JsonBridge(ObjectMapper mapper) {
        this.mapper = mapper;
        this.serializers = (DefaultSerializerProvider) mapper.getSerializerProvider();
        this.deserializers = (DefaultDeserializationContext) mapper.getDeserializationContext();
        this.startupProvider = newProvider();
        this.startupContext =
                deserializers.createInstance(mapper.getDeserializationConfig(), null, mapper.getInjectableValues());
    }

    JavaType type(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }

    JsonSerializer<Object> serializer(Type type) {
        try {
            return startupProvider.findTypedValueSerializer(type(type), true, null);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(
                    "the JSON mapper cannot write " + type.getTypeName() + ": " + e.getOriginalMessage(), e);
        }
    }

    JsonDeserializer<Object> deserializer(Type type) {
        try {
            return startupContext.findRootValueDeserializer(type(type));
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(
                    "the JSON mapper cannot read " + type.getTypeName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A serializer provider for one encode call (Jackson keeps per-call state in it). */
    SerializerProvider newProvider() {
        return serializers.createInstance(mapper.getSerializationConfig(), mapper.getSerializerFactory());
    }

    /** A deserialization context for one decode call on {@code parser}. */
    DeserializationContext newContext(JsonParser parser) {
        return deserializers.createInstance(mapper.getDeserializationConfig(), parser, mapper.getInjectableValues());
    }
}

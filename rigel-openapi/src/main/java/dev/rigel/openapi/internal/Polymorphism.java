package dev.rigel.openapi.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Polymorphic types as the app's mapper writes them: a type with type information (Jackson's
 * {@code @JsonTypeInfo}, or a sealed type Rigel's mapper tags) becomes {@code oneOf} its concrete
 * subtypes with a {@code discriminator}, and each subtype's schema holds its own id as a required
 * {@code const} property. Ids come from the mapper's own resolver, so names, {@code @JsonTypeName},
 * and class-name ids ({@code use = CLASS / MINIMAL_CLASS}) read exactly as on the wire.
 */
final class Polymorphism {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Polymorphism() {}

    /** Whether {@code type} is written as one of several subtypes: an abstract type with type information. */
    static boolean isUnion(ObjectMapper mapper, JavaType type) {
        Class<?> raw = type.getRawClass();
        return (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
                && !type.isContainerType()
                && typeSerializer(mapper, type) != null;
    }

    /**
     * Fills {@code schema} with {@code oneOf} the union's concrete subtypes (each {@code $ref} made by
     * {@code refOf}) and a discriminator mapping every id to its subtype's reference.
     */
    static void describeUnion(
            ObjectMapper mapper, JavaType type, ObjectNode schema, Function<JavaType, ObjectNode> refOf) {
        TypeSerializer serializer = supported(typeSerializer(mapper, type), type);
        ArrayNode oneOf = schema.putArray("oneOf");
        ObjectNode discriminator = NODES.objectNode();
        discriminator.put("propertyName", serializer.getPropertyName());
        ObjectNode mapping = discriminator.putObject("mapping");
        for (Map.Entry<String, JavaType> subtype :
                subtypes(mapper, type, serializer).entrySet()) {
            ObjectNode ref = refOf.apply(subtype.getValue());
            oneOf.add(ref);
            mapping.put(subtype.getKey(), ref.get("$ref").asText());
        }
        schema.set("discriminator", discriminator);
    }

    /**
     * Adds the discriminator of a concrete subtype to its object schema, first among the
     * properties and required: a {@code const} string of the subtype's id.
     */
    static void addDiscriminator(ObjectMapper mapper, JavaType type, ObjectNode properties, List<String> required) {
        TypeSerializer serializer = typeSerializer(mapper, type);
        if (serializer == null) {
            return;
        }
        supported(serializer, type);
        String property = serializer.getPropertyName();
        ObjectNode tag = Schemas.type("string");
        tag.put("const", serializer.getTypeIdResolver().idFromValueAndType(null, type.getRawClass()));
        ObjectNode ordered = NODES.objectNode();
        ordered.set(property, tag);
        properties.properties().forEach(entry -> {
            if (!entry.getKey().equals(property)) {
                ordered.set(entry.getKey(), entry.getValue());
            }
        });
        properties.removeAll();
        properties.setAll(ordered);
        required.remove(property);
        required.addFirst(property);
    }

    /** The concrete subtypes by id, in id order (Jackson's own order is not stable across runs). */
    private static Map<String, JavaType> subtypes(ObjectMapper mapper, JavaType type, TypeSerializer serializer) {
        SerializationConfig config = mapper.getSerializationConfig();
        AnnotatedClass annotated = config.introspectClassAnnotations(type).getClassInfo();
        Map<String, JavaType> byId = new TreeMap<>();
        List<NamedType> named =
                new ArrayList<>(config.getSubtypeResolver().collectAndResolveSubtypesByClass(config, annotated));
        for (NamedType subtype : named) {
            Class<?> raw = subtype.getType();
            if (raw.isInterface()
                    || Modifier.isAbstract(raw.getModifiers())
                    || !type.getRawClass().isAssignableFrom(raw)) {
                continue;
            }
            String id = subtype.hasName()
                    ? subtype.getName()
                    : serializer.getTypeIdResolver().idFromValueAndType(null, raw);
            byId.putIfAbsent(id, config.constructType(raw));
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException(type.getRawClass().getSimpleName()
                    + " is polymorphic but names no subtypes: list them with @JsonSubTypes or make it sealed");
        }
        return byId;
    }

    private static TypeSerializer typeSerializer(ObjectMapper mapper, JavaType type) {
        try {
            return mapper.getSerializerFactory().createTypeSerializer(mapper.getSerializationConfig(), type);
        } catch (JsonMappingException e) {
            throw new IllegalStateException("cannot read the type information of " + type.toCanonical(), e);
        }
    }

    /** OpenAPI's discriminator is a property of the object; wrapper shapes have no such property. */
    private static TypeSerializer supported(TypeSerializer serializer, JavaType type) {
        JsonTypeInfo.As inclusion = serializer.getTypeInclusion();
        if (inclusion != JsonTypeInfo.As.PROPERTY && inclusion != JsonTypeInfo.As.EXISTING_PROPERTY) {
            throw new IllegalStateException(type.getRawClass().getSimpleName() + " carries its type as "
                    + "JsonTypeInfo.As." + inclusion + ", which an OpenAPI discriminator cannot describe: use "
                    + "include = JsonTypeInfo.As.PROPERTY (the default) so the type id is a property of the object");
        }
        return serializer;
    }
}

package dev.rigel.openapi.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigel.dto.DTODescription;
import dev.rigel.dto.DTOFieldDescription;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * JSON Schemas (the OpenAPI 3.1 dialect, JSON Schema 2020-12) for Java types and DTOs, with one
 * component per model class, per generic instantiation ({@code OffsetPagination_User}) and per
 * distinct DTO description. Property names come from the app's own {@link ObjectMapper}, so the
 * schema spells fields exactly as the responses do (naming strategy, {@code @JsonProperty},
 * {@code @JsonIgnore}).
 *
 * <p>Models: a property is {@code required} when a client must send it (a primitive, or a
 * {@code @NotNull}/{@code @NotBlank}/{@code @NotEmpty} value), and nullable otherwise, because
 * Rigel decodes a missing reference as null and the mapper writes nulls back. A property's
 * {@code @Doc} and {@code @JsonPropertyDescription} describe its schema (see {@link Docs}).
 */
public final class Schemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    /** component name → schema, sorted so the document is stable */
    private final Map<String, ObjectNode> components = new TreeMap<>();
    /** component name → what it describes (a JavaType or a DTODescription), to tell clashes apart */
    private final Map<String, Object> owners = new LinkedHashMap<>();

    private final Map<Object, String> names = new LinkedHashMap<>();
    /** while shaping a DTO-wrapped return type: the model class and the DTO component replacing it */
    private Class<?> replacedModel;

    private String replacementName;

    public Schemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The {@code components.schemas} object, in name order. */
    public ObjectNode components() {
        ObjectNode node = NODES.objectNode();
        components.forEach(node::set);
        return node;
    }

    /** Adds a component built elsewhere (the error shapes) and returns a reference to it. */
    public ObjectNode component(String name, ObjectNode schema) {
        components.put(name, schema);
        owners.put(name, name);
        return ref(name);
    }

    /** The schema of {@code type}, with the constraints in {@code annotations} (a parameter's, a field's). */
    public ObjectNode schemaFor(Type type, Annotation[] annotations) {
        return schemaFor(mapper.getTypeFactory().constructType(type), annotations);
    }

    /**
     * The schema of a return type whose {@code model} values go through a DTO, by the rule the DTO
     * layer writes them with: the model, containers of it and, inside a generic class ({@code
     * OffsetPagination<User>}, an app's {@code Envelope<User>}), the properties declared with a type
     * parameter refer to the DTO's component; the class's other properties ({@code User author})
     * keep their plain schema.
     */
    public ObjectNode schemaFor(Type type, DTODescription dto) {
        String dtoName = dtoComponent(dto);
        replacedModel = dto.modelType();
        replacementName = dtoName;
        try {
            return schemaFor(mapper.getTypeFactory().constructType(type), new Annotation[0]);
        } finally {
            replacedModel = null;
            replacementName = null;
        }
    }

    /** A reference to the component of a DTO description (made on first use). */
    public ObjectNode dtoSchema(DTODescription dto) {
        return ref(dtoComponent(dto));
    }

    private ObjectNode schemaFor(JavaType type, Annotation[] annotations) {
        ObjectNode schema = plain(type);
        String kind = schema.path("type").asText("");
        if (!kind.isEmpty()) {
            Constraints.apply(schema, kind, annotations);
        }
        return schema;
    }

    /** Whether a value of this type may be absent or null on the wire (not primitive, no null ban). */
    public static boolean nullable(Type type, Annotation[] annotations) {
        return !(type instanceof Class<?> raw && raw.isPrimitive()) && !Constraints.forbidsNull(annotations);
    }

    private ObjectNode plain(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (replacedModel != null && raw == replacedModel) {
            return ref(replacementName);
        }
        ObjectNode scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw == Optional.class) {
            return plain(type.containedTypeOrUnknown(0));
        }
        if (raw.isEnum()) {
            return ref(enumComponent(raw));
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode schema = type("array");
            schema.set("items", plain(type.getContentType()));
            if (Set.class.isAssignableFrom(raw)) {
                schema.put("uniqueItems", true);
            }
            return schema;
        }
        if (type.isMapLikeType()) {
            ObjectNode schema = type("object");
            schema.set("additionalProperties", plain(type.getContentType()));
            return schema;
        }
        if (!raw.getName().startsWith("java.") && Polymorphism.isUnion(mapper, type)) {
            return ref(unionComponent(type));
        }
        if (raw == Object.class || raw.getName().startsWith("java.") || raw.isInterface()) {
            // any JSON value: nothing more can be said about it
            return NODES.objectNode();
        }
        return ref(modelComponent(type));
    }

    private static ObjectNode scalar(Class<?> raw) {
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return type("string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return type("boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == OptionalInt.class) {
            return format("integer", "int32");
        }
        if (raw == long.class || raw == Long.class || raw == OptionalLong.class) {
            return format("integer", "int64");
        }
        if (raw == short.class
                || raw == Short.class
                || raw == byte.class
                || raw == Byte.class
                || raw == BigInteger.class) {
            return type("integer");
        }
        if (raw == float.class || raw == Float.class) {
            return format("number", "float");
        }
        if (raw == double.class || raw == Double.class || raw == OptionalDouble.class) {
            return format("number", "double");
        }
        if (raw == BigDecimal.class) {
            return type("number");
        }
        if (raw == UUID.class) {
            return format("string", "uuid");
        }
        if (raw == LocalDate.class) {
            return format("string", "date");
        }
        if (raw == LocalDateTime.class
                || raw == OffsetDateTime.class
                || raw == ZonedDateTime.class
                || raw == Instant.class) {
            return format("string", "date-time");
        }
        if (raw == LocalTime.class || raw == OffsetTime.class) {
            return format("string", "time");
        }
        if (raw == Duration.class) {
            return format("string", "duration");
        }
        if (raw == URI.class || raw == URL.class) {
            return format("string", "uri");
        }
        if (raw == byte[].class) {
            // how Jackson writes bytes in JSON
            ObjectNode schema = type("string");
            schema.put("contentEncoding", "base64");
            return schema;
        }
        return null;
    }

    private String modelComponent(JavaType type) {
        String key = type.toCanonical() + (replacementName == null ? "" : " as " + replacementName);
        String existing = names.get(key);
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(baseName(type), key);
        names.put(key, name);
        // registered before the properties are built, so a model that refers to itself ends in a $ref
        ObjectNode schema = type("object");
        components.put(name, schema);
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        BeanDescription description = mapper.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            Annotation[] annotations = annotations(type.getRawClass(), property);
            JavaType propertyType = property.getPrimaryType();
            ObjectNode propertySchema = replacedModel != null && !TypeParameters.declaredWithOne(property)
                    ? withoutReplacement(() -> schemaFor(propertyType, annotations))
                    : schemaFor(propertyType, annotations);
            boolean primitive = propertyType.isPrimitive();
            if (primitive || Constraints.forbidsNull(annotations)) {
                required.add(property.getName());
            } else {
                propertySchema = orNull(propertySchema);
            }
            properties.set(
                    property.getName(),
                    Docs.describeProperty(
                            propertySchema,
                            annotations,
                            property.getMetadata().getDescription(),
                            "property '" + property.getName() + "' of "
                                    + type.getRawClass().getName()));
        }
        Polymorphism.addDiscriminator(mapper, type, properties, required);
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        return name;
    }

    /** A polymorphic type's component: {@code oneOf} its subtypes' components, with a discriminator. */
    private String unionComponent(JavaType type) {
        String key = "union " + type.toCanonical();
        String existing = names.get(key);
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(baseName(type), key);
        names.put(key, name);
        ObjectNode schema = NODES.objectNode();
        components.put(name, schema);
        Polymorphism.describeUnion(mapper, type, schema, this::plain);
        return name;
    }

    /** A schema made with the DTO's replacement off: the model is written whole there. */
    private ObjectNode withoutReplacement(java.util.function.Supplier<ObjectNode> schema) {
        Class<?> model = replacedModel;
        String replacement = replacementName;
        replacedModel = null;
        replacementName = null;
        try {
            return schema.get();
        } finally {
            replacedModel = model;
            replacementName = replacement;
        }
    }

    /**
     * An enum's component: its values as the JSON mapper writes them, named after the enum, so
     * clients generated from the document share one type wherever the enum appears.
     */
    private String enumComponent(Class<?> raw) {
        String existing = names.get(raw);
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(raw.getSimpleName(), raw);
        names.put(raw, name);
        ObjectNode schema = type("string");
        ArrayNode values = schema.putArray("enum");
        for (Object constant : raw.getEnumConstants()) {
            values.add(mapper.convertValue(constant, String.class));
        }
        components.put(name, schema);
        return name;
    }

    /** A property's annotations: a record component's sit on its field, a bean's on field or getter. */
    private static Annotation[] annotations(Class<?> owner, BeanPropertyDefinition property) {
        List<Annotation> found = new ArrayList<>();
        if (owner.isRecord()) {
            try {
                found.addAll(List.of(
                        owner.getDeclaredField(property.getInternalName()).getAnnotations()));
            } catch (NoSuchFieldException e) {
                // a property Jackson derived from a method only: no field annotations
            }
        }
        for (AnnotatedMember member : new AnnotatedMember[] {property.getField(), property.getGetter()}) {
            if (member != null
                    && member.getAnnotated() instanceof AnnotatedElement element
                    && !(owner.isRecord() && element instanceof Field)) {
                found.addAll(List.of(element.getAnnotations()));
            }
        }
        return found.toArray(Annotation[]::new);
    }

    private String dtoComponent(DTODescription dto) {
        String existing = names.get(dto);
        if (existing != null) {
            return existing;
        }
        String suffix = dto.direction() == DTODescription.Direction.INBOUND ? "RequestBody" : "ResponseBody";
        String name = uniqueName(dto.modelType().getSimpleName() + suffix, dto);
        names.put(dto, name);
        ObjectNode schema = type("object");
        components.put(name, schema);
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        for (DTOFieldDescription field : dto.fields()) {
            ObjectNode fieldSchema;
            Annotation[] annotations = fieldAnnotations(dto.modelType(), field.javaName());
            if (field.model() != null) {
                ObjectNode nested = dtoSchema(field.model());
                Class<?> raw =
                        mapper.getTypeFactory().constructType(field.type()).getRawClass();
                if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
                    fieldSchema = type("array");
                    fieldSchema.set("items", nested);
                } else {
                    fieldSchema = nested;
                }
            } else {
                fieldSchema = schemaFor(field.type(), annotations);
            }
            if (field.nullable()) {
                fieldSchema = orNull(fieldSchema);
            }
            if (field.required()) {
                required.add(field.name());
            }
            properties.set(
                    field.name(),
                    Docs.describeProperty(
                            fieldSchema,
                            annotations,
                            null,
                            "property '" + field.name() + "' of "
                                    + dto.modelType().getName()));
        }
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        return name;
    }

    private static Annotation[] fieldAnnotations(Class<?> model, String javaName) {
        for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(javaName).getAnnotations();
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return new Annotation[0];
    }

    private String uniqueName(String base, Object owner) {
        String name = base;
        for (int i = 2; owners.containsKey(name) && !owners.get(name).equals(owner); i++) {
            name = base + i;
        }
        owners.put(name, owner);
        return name;
    }

    private String baseName(JavaType type) {
        StringBuilder name = new StringBuilder(type.getRawClass().getSimpleName());
        for (int i = 0; i < type.containedTypeCount(); i++) {
            JavaType argument = type.containedType(i);
            name.append('_')
                    .append(
                            replacedModel != null && argument.getRawClass() == replacedModel
                                    ? replacementName
                                    : argument.getRawClass().getSimpleName());
        }
        return name.toString();
    }

    /** The schema, also allowing null (JSON Schema 2020-12 has no {@code nullable}). */
    static ObjectNode orNull(ObjectNode schema) {
        if (schema.has("type") && schema.get("type").isTextual()) {
            ObjectNode copy = schema.deepCopy();
            ArrayNode types = NODES.arrayNode().add(schema.get("type").asText()).add("null");
            copy.set("type", types);
            if (copy.has("enum")) {
                ((ArrayNode) copy.get("enum")).addNull();
            }
            return copy;
        }
        if (schema.isEmpty() || schema.has("oneOf")) {
            return schema;
        }
        ObjectNode either = NODES.objectNode();
        either.putArray("oneOf").add(schema).add(type("null"));
        return either;
    }

    static ObjectNode ref(String name) {
        ObjectNode node = NODES.objectNode();
        node.put("$ref", "#/components/schemas/" + name);
        return node;
    }

    public static ObjectNode typeNode(String type) {
        return type(type);
    }

    static ObjectNode type(String type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        return node;
    }

    private static ObjectNode format(String type, String format) {
        ObjectNode node = type(type);
        node.put("format", format);
        return node;
    }
}

package dev.rigel.openapi.internal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigel.annotation.Doc;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Doc} (and Jackson's {@link JsonPropertyDescription}) say about a parameter or a
 * model property, written where OpenAPI 3.1 expects it: on a property's schema ({@code title},
 * {@code description}, {@code examples} as a JSON Schema array, {@code deprecated}, {@code format})
 * or on a parameter object ({@code description}, {@code deprecated}, an {@code examples} map of
 * Example Objects, the title and format going to its schema). Example texts are JSON, parsed here,
 * so a malformed one fails the document (and the app's start) naming where it is written.
 */
public final class Docs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** a plain mapper: examples are JSON values as written (59.90 stays 59.90), not Java values to serialise */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private Docs() {}

    /** The first {@link Doc} among {@code annotations}, or null. */
    public static Doc find(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof Doc doc) {
                return doc;
            }
        }
        return null;
    }

    /** {@code json} as a JSON value; malformed text is a configuration error naming {@code where}. */
    public static JsonNode parse(String json, String where) {
        try {
            JsonNode value = JSON.readTree(json);
            if (value == null || value.isMissingNode()) {
                throw new ImproperlyConfiguredException("The example of " + where + " is empty; write JSON text");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ImproperlyConfiguredException(
                    "The example of " + where + " is not valid JSON (" + e.getOriginalMessage() + "): " + json);
        }
    }

    /**
     * A property's schema with what its annotations say; {@code jacksonDescription} (from the bean
     * description) is used when {@code @Doc} has none. Returns {@code schema} itself, changed.
     */
    public static ObjectNode describeProperty(
            ObjectNode schema, Annotation[] annotations, String jacksonDescription, String where) {
        Doc doc = find(annotations);
        String description = doc != null && !doc.description().isBlank()
                ? doc.description()
                : jacksonDescription != null && !jacksonDescription.isBlank()
                        ? jacksonDescription
                        : jsonPropertyDescription(annotations);
        if (doc != null && !doc.title().isBlank()) {
            schema.put("title", doc.title());
        }
        if (description != null) {
            schema.put("description", description);
        }
        if (doc != null) {
            if (!doc.format().isBlank()) {
                schema.put("format", doc.format());
            }
            List<JsonNode> examples = examples(doc, where);
            if (!examples.isEmpty()) {
                ArrayNode array = schema.putArray("examples");
                examples.forEach(array::add);
            }
            if (doc.deprecated()) {
                schema.put("deprecated", true);
            }
        }
        return schema;
    }

    /**
     * A parameter object with what its annotations say: description and deprecation on the
     * parameter, examples as its {@code examples} map ({@code name-example-1}…, Litestar's keys),
     * title and format on its {@code schema}.
     */
    public static void describeParameter(
            ObjectNode parameter, ObjectNode schema, Annotation[] annotations, String where) {
        Doc doc = find(annotations);
        if (doc == null) {
            return;
        }
        if (!doc.description().isBlank()) {
            parameter.put("description", doc.description());
        }
        if (doc.deprecated()) {
            parameter.put("deprecated", true);
        }
        if (!doc.title().isBlank()) {
            schema.put("title", doc.title());
        }
        if (!doc.format().isBlank()) {
            schema.put("format", doc.format());
        }
        List<JsonNode> examples = examples(doc, where);
        if (!examples.isEmpty()) {
            ObjectNode map = parameter.putObject("examples");
            for (int i = 0; i < examples.size(); i++) {
                map.set(parameter.path("name").asText() + "-example-" + (i + 1), exampleObject(examples.get(i)));
            }
        }
    }

    /** An OpenAPI Example Object holding {@code value}. */
    public static ObjectNode exampleObject(JsonNode value) {
        ObjectNode example = NODES.objectNode();
        example.set("value", value);
        return example;
    }

    private static List<JsonNode> examples(Doc doc, String where) {
        List<JsonNode> values = new ArrayList<>();
        String[] texts = doc.examples();
        for (int i = 0; i < texts.length; i++) {
            values.add(parse(texts[i], texts.length == 1 ? where : where + " (examples[" + i + "])"));
        }
        return values;
    }

    private static String jsonPropertyDescription(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof JsonPropertyDescription description
                    && !description.value().isBlank()) {
                return description.value();
            }
        }
        return null;
    }
}

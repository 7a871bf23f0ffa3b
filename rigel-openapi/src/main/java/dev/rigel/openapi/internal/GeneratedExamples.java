package dev.rigel.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Puts a generated example (see {@link SchemaExamples}) wherever a finished document shows a value
 * without one: on each parameter, each JSON request body and each JSON success (2xx) response.
 * Error responses keep none: their bodies are Rigel's own, the same for every route. Given
 * examples ({@code @Doc}, {@code @Operation}) are never replaced.
 */
public final class GeneratedExamples {

    private GeneratedExamples() {}

    /** Adds the examples to {@code document} (an OpenAPI 3.1 document whose components are complete). */
    public static void fill(ObjectNode document) {
        SchemaExamples examples = new SchemaExamples(
                document.path("components").path("schemas") instanceof ObjectNode schemas
                        ? schemas
                        : JsonNodeFactory.instance.objectNode());
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations =
                            path.getValue().fields();
                    operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String place = operation.getKey() + " " + path.getKey();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if (!parameter.has("examples") && !parameter.has("example")) {
                        String name = parameter.path("name").asText();
                        JsonNode value = examples.example(parameter.path("schema"), place + " " + name);
                        if (value != null) {
                            ((ObjectNode) parameter)
                                    .putObject("examples")
                                    .set(name + "-example-1", Docs.exampleObject(value));
                        }
                    }
                }
                fillContent(examples, operation.getValue().path("requestBody").path("content"), place + " body");
                for (Iterator<Map.Entry<String, JsonNode>> responses =
                                operation.getValue().path("responses").fields();
                        responses.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    if (response.getKey().startsWith("2")) {
                        fillContent(examples, response.getValue().path("content"), place + " " + response.getKey());
                    }
                }
            }
        }
    }

    private static void fillContent(SchemaExamples examples, JsonNode content, String place) {
        for (Iterator<Map.Entry<String, JsonNode>> media = content.fields(); media.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = media.next();
            String type = entry.getKey();
            JsonNode mediaType = entry.getValue();
            boolean json = type.equals("application/json") || type.endsWith("+json");
            if (json && !mediaType.has("examples") && !mediaType.has("example") && mediaType.has("schema")) {
                JsonNode value = examples.example(mediaType.get("schema"), place);
                if (value != null) {
                    ((ObjectNode) mediaType).putObject("examples").set("example", Docs.exampleObject(value));
                }
            }
        }
    }
}

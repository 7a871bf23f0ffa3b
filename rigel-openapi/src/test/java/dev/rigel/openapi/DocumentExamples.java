package dev.rigel.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every example of an OpenAPI 3.1 document checked against its own schema with a JSON Schema
 * 2020-12 validator (formats asserted): schema {@code examples} arrays, and the {@code examples}
 * maps and {@code example} values of parameters, headers and media types. {@code $ref}s to
 * {@code #/components/schemas/…} are resolved against the document's components. Shared with the
 * seed app's tests through this module's test jar.
 */
public final class DocumentExamples {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final ObjectNode definitions;
    /** one line per invalid example: where it is, the value and what is wrong */
    public final List<String> failures = new ArrayList<>();
    /** how many examples were checked */
    public int checked;

    private DocumentExamples(JsonNode document) {
        definitions = (ObjectNode)
                rewriteRefs(document.path("components").path("schemas").deepCopy());
    }

    /** Checks every example of {@code document}. */
    public static DocumentExamples check(JsonNode document) {
        DocumentExamples check = new DocumentExamples(document);
        check.walk(document, "#");
        return check;
    }

    private void walk(JsonNode node, String where) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode examples = node.get("examples");
        if (examples != null && examples.isArray()) {
            // a schema with JSON Schema's examples keyword
            for (int i = 0; i < examples.size(); i++) {
                validate(node, examples.get(i), where + "/examples/" + i);
            }
        } else if (node.has("schema") && node.get("schema").isObject()) {
            // a parameter, header or media type object
            if (examples != null && examples.isObject()) {
                for (Map.Entry<String, JsonNode> example : examples.properties()) {
                    validate(
                            node.get("schema"),
                            example.getValue().get("value"),
                            where + "/examples/" + example.getKey());
                }
            }
            if (node.has("example")) {
                validate(node.get("schema"), node.get("example"), where + "/example");
            }
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            if (!child.getKey().equals("examples") && !child.getKey().equals("example")) {
                walk(
                        child.getValue(),
                        where + "/" + child.getKey().replace("~", "~0").replace("/", "~1"));
            }
        }
    }

    private void validate(JsonNode schema, JsonNode value, String where) {
        checked++;
        if (value == null) {
            failures.add(where + ": an Example Object without a value");
            return;
        }
        ObjectNode root = (ObjectNode) rewriteRefs(schema.deepCopy());
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", definitions);
        Schema compiled = REGISTRY.getSchema(root);
        var errors = compiled.validate(
                value, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        if (!errors.isEmpty()) {
            failures.add(where + ": " + value + " is invalid: " + errors);
        }
    }

    /** {@code #/components/schemas/X} → {@code #/$defs/X}, everywhere in {@code node}. */
    private static JsonNode rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> child : object.properties()) {
                if (child.getKey().equals("$ref") && child.getValue().isTextual()) {
                    child.setValue(
                            TextNode.valueOf(child.getValue().asText().replace("#/components/schemas/", "#/$defs/")));
                } else {
                    rewriteRefs(child.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(DocumentExamples::rewriteRefs);
        }
        return node;
    }
}

package dev.rigel.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.rigel.App;
import java.io.UncheckedIOException;

/**
 * An app's OpenAPI document and its two encodings, made once: JSON (pretty-printed, so a diff of
 * two versions reads well) and YAML.
 */
public final class OpenAPIDocument {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final ObjectNode tree;
    private final byte[] json;
    private final byte[] yaml;

    private OpenAPIDocument(ObjectNode tree) {
        this.tree = tree;
        try {
            this.json = JSON.writeValueAsBytes(tree);
            this.yaml = YAML.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generates the document of a built app. */
    public static OpenAPIDocument of(App app, OpenAPIConfig config) {
        return new OpenAPIDocument(OpenAPIGenerator.generate(app, config));
    }

    /** A copy of the document as a JSON tree. */
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** The document as UTF-8 JSON (a copy). */
    public byte[] json() {
        return json.clone();
    }

    /** The document as UTF-8 YAML (a copy). */
    public byte[] yaml() {
        return yaml.clone();
    }

    byte[] jsonBytes() {
        return json;
    }

    byte[] yamlBytes() {
        return yaml;
    }
}

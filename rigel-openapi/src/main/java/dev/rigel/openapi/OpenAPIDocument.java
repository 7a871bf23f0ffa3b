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
 * An app's OpenAPI document and its two encodings: JSON (pretty-printed, so a diff of two versions
 * reads well) and YAML. The tree is made and checked with the app; each encoding is written the
 * first time it is asked for (a start that serves no schema request writes neither, and YAML's
 * classes stay unloaded), then kept.
 */
public final class OpenAPIDocument {

    private final ObjectNode tree;
    // written once each, from whichever thread asks first; a race writes equal bytes twice
    private volatile byte[] json;
    private volatile byte[] yaml;

    private OpenAPIDocument(ObjectNode tree) {
        this.tree = tree;
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
        return jsonBytes().clone();
    }

    /** The document as UTF-8 YAML (a copy). */
    public byte[] yaml() {
        return yamlBytes().clone();
    }

    byte[] jsonBytes() {
        byte[] bytes = json;
        if (bytes == null) {
            bytes = json = encode(Encoders.JSON);
        }
        return bytes;
    }

    byte[] yamlBytes() {
        byte[] bytes = yaml;
        if (bytes == null) {
            bytes = yaml = encode(Encoders.YAML);
        }
        return bytes;
    }

    private byte[] encode(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) { // a tree of plain nodes always encodes
            throw new UncheckedIOException(e);
        }
    }

    /** The two mappers, made on first use. */
    private static final class Encoders {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    }
}

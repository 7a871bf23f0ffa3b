package dev.rigel.openapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.DocumentedResponse;
import dev.rigel.http.HandlerInfo;
import dev.rigel.spi.StatusReasons;
import java.lang.annotation.Annotation;

/**
 * The OpenAPI response objects of the responses a route's layers and handler declared
 * ({@link HandlerInfo#documentedResponses()}, Litestar's {@code responses}): the body's type
 * through the same schema machinery as return types (a {@code $ref} to its component), the
 * headers with their value types, and the examples, which must be JSON.
 */
public final class DeclaredResponses {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper EXAMPLES = new ObjectMapper();

    private final Schemas schemas;

    public DeclaredResponses(Schemas schemas) {
        this.schemas = schemas;
    }

    /** Sets each declared response of {@code route} in {@code responses}, replacing a generated one of its status. */
    public void addTo(ObjectNode responses, HandlerInfo route) {
        for (DocumentedResponse declared : route.documentedResponses()) {
            responses.set(Integer.toString(declared.status()), response(declared, route));
        }
    }

    private ObjectNode response(DocumentedResponse declared, HandlerInfo route) {
        ObjectNode response = NODES.objectNode();
        response.put(
                "description",
                declared.description().isEmpty() ? StatusReasons.reason(declared.status()) : declared.description());
        if (!declared.headers().isEmpty()) {
            ObjectNode headers = response.putObject("headers");
            for (DocumentedResponse.Header header : declared.headers()) {
                ObjectNode node = headers.putObject(header.name());
                if (!header.description().isEmpty()) {
                    node.put("description", header.description());
                }
                node.set("schema", schemas.schemaFor(header.type(), new Annotation[0]));
            }
        }
        if (declared.type() != null) {
            ObjectNode media = response.putObject("content").putObject(declared.mediaType());
            media.set("schema", schemas.schemaFor(declared.type(), new Annotation[0]));
            if (declared.examples().size() == 1) {
                media.set("example", example(declared.examples().getFirst(), declared, route));
            } else if (!declared.examples().isEmpty()) {
                ObjectNode examples = media.putObject("examples");
                for (int i = 0; i < declared.examples().size(); i++) {
                    examples.putObject("example" + (i + 1))
                            .set("value", example(declared.examples().get(i), declared, route));
                }
            }
        }
        return response;
    }

    private static JsonNode example(String text, DocumentedResponse declared, HandlerInfo route) {
        try {
            return EXAMPLES.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ImproperlyConfiguredException(route.name() + " (" + route.pathTemplate() + "): the example of its"
                    + " documented " + declared.status() + " response is not JSON (" + e.getOriginalMessage()
                    + "): " + text);
        }
    }
}

package dev.rigel.http;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A response a route may give besides the ones Rigel documents on its own (Litestar's
 * {@code responses={409: ResponseSpec(...)}}): its status, the type of its body (documented
 * through the same schemas as a handler's return type; {@code null} for no body), a description,
 * the media type of the body, response headers and example bodies (JSON text).
 *
 * <pre>{@code
 * Route.post("/pets", pets::create)
 *     .response(DocumentedResponse.of(409, Conflict.class, "A pet of that name exists")
 *         .header("Retry-After", "Seconds until the name is free", Integer.class)
 *         .example("{\"name\": \"Rex\"}"))
 * }</pre>
 *
 * Declared on any layer ({@code LayerBuilder.response}) or on a handler method
 * ({@code @ResponseSpec}); the closest layer's declaration of a status wins, and a declared
 * status replaces the response the OpenAPI generator would have made for it. Immutable: each
 * {@code with}-style method returns a copy.
 *
 * @param status a status code from 100 to 599
 * @param type the body's type, or null when the response has no body
 * @param description what the response means; empty for the status's reason phrase
 * @param mediaType the body's media type
 * @param headers the headers the response carries
 * @param examples example bodies, each a JSON text
 */
public record DocumentedResponse(
        int status, Type type, String description, String mediaType, List<Header> headers, List<String> examples) {

    /** The media type of a documented body unless one is given: JSON, as Litestar's default. */
    public static final String DEFAULT_MEDIA_TYPE = "application/json";

    /**
     * A header of a documented response.
     *
     * @param name the header's name
     * @param description what it says; may be empty
     * @param type the type of its value ({@code String.class}, {@code Integer.class}, …)
     */
    public record Header(String name, String description, Class<?> type) {
        public Header {
            Objects.requireNonNull(name, "header name");
            if (name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException("not a header name: '" + name + "'");
            }
            description = description == null ? "" : description;
            type = type == null ? String.class : type;
        }
    }

    public DocumentedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("a documented response needs a status from 100 to 599, got " + status);
        }
        if (type == void.class || type == Void.class) {
            type = null;
        }
        description = description == null ? "" : description;
        mediaType = mediaType == null || mediaType.isBlank() ? DEFAULT_MEDIA_TYPE : mediaType;
        headers = List.copyOf(headers == null ? List.of() : headers);
        examples = List.copyOf(examples == null ? List.of() : examples);
        if (type == null && !examples.isEmpty()) {
            throw new IllegalArgumentException(
                    "the documented " + status + " response has examples but no body type to give them");
        }
    }

    /** A response with a body of {@code type} (null: none), described by {@code description}. */
    public static DocumentedResponse of(int status, Type type, String description) {
        return new DocumentedResponse(status, type, description, DEFAULT_MEDIA_TYPE, List.of(), List.of());
    }

    /** A response without a body. */
    public static DocumentedResponse of(int status, String description) {
        return of(status, null, description);
    }

    /** The same response with its body in {@code newMediaType}. */
    public DocumentedResponse mediaType(String newMediaType) {
        return new DocumentedResponse(status, type, description, newMediaType, headers, examples);
    }

    /** The same response with one more header. */
    public DocumentedResponse header(String name, String headerDescription, Class<?> headerType) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, headerDescription, headerType));
        return new DocumentedResponse(status, type, description, mediaType, more, examples);
    }

    /** The same response with one more example body, a JSON text. */
    public DocumentedResponse example(String json) {
        List<String> more = new ArrayList<>(examples);
        more.add(Objects.requireNonNull(json, "example"));
        return new DocumentedResponse(status, type, description, mediaType, headers, more);
    }
}

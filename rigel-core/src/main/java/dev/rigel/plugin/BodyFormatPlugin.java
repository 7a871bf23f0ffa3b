package dev.rigel.plugin;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.List;

/**
 * A request and response body format besides JSON, on one of Jackson's data formats (the seam
 * rigel-msgpack plugs MessagePack into; CBOR or Smile would plug in the same way). Core knows
 * JSON by name and nothing else: with such a plugin registered,
 *
 * <ul>
 *   <li>a {@code data} body (plain types and DTOs) whose {@code Content-Type} is one of {@link
 *       #mediaTypes()} is read with the format, under the rules JSON bodies follow (malformed is a
 *       400, wrong types a validation 400); a type that is neither JSON nor one of these is a 415;
 *   <li>a response Rigel would write as JSON goes out in the format when the request's {@code
 *       Accept} prefers one of its media types to {@code application/json} (ties, wildcards and an
 *       {@code Accept} nothing satisfies keep JSON), with {@code Vary: Accept}; the response cache
 *       keeps the formats apart;
 *   <li>error bodies, {@code request.json()} and responses whose media type the handler chose stay
 *       as they are.
 * </ul>
 *
 * <p>The format writes and reads through the app's own mapper re-made on {@link #factory()}, so
 * naming strategy, modules and features are the JSON ones.
 */
public interface BodyFormatPlugin extends Plugin {

    /**
     * The media types of the format, the one responses are sent with first ({@code
     * application/msgpack}, then aliases such as {@code application/x-msgpack}); compared
     * case-insensitively, without parameters.
     */
    List<String> mediaTypes();

    /** The format's name in messages to clients ({@code "Malformed MessagePack in request body"}). */
    String formatName();

    /** The Jackson factory of the format (a subclass of {@link JsonFactory}, as Jackson's binary formats are). */
    JsonFactory factory();
}

package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rigel.pagination.OffsetPagination;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * A DTO compiled against one app's JSON mapper (see {@link AbstractDTO#compile}): direct field
 * accessors and Jackson streaming, with no reflection per call. Routes use it through
 * {@code dto}/{@code returnDto}; it can also be used on its own. Thread-safe.
 *
 * @param <T> the model type
 */
public interface DTOCodec<T> {

    Class<T> modelType();

    /** The model as JSON, with only the DTO's outbound fields. */
    byte[] encode(T value);

    /** A JSON array of models. */
    byte[] encodeAll(Collection<? extends T> values);

    /** {@code {"items": [...], "limit": …, "offset": …, "total": …}} with the items through this DTO. */
    byte[] encodePage(OffsetPagination<? extends T> page);

    /**
     * Compiles how to write values of {@code type} with this DTO inside: the model itself; a
     * collection, array, {@code Optional} or {@code Map} of it; or any generic class whose type
     * parameter is bound to it ({@code OffsetPagination<User>}, an app's own {@code Envelope<User>}
     * or {@code Page<User>}, nested ones such as {@code Envelope<Page<User>>}). In a generic class,
     * the fields declared with a type parameter ({@code T data}, {@code List<T> items},
     * {@code Map<String, T> byName}) carry the model through this DTO; its other fields
     * ({@code String requestId}, even a {@code User author}) are written as the app's mapper
     * writes them. The class's properties and their names are the ones the app's mapper sees.
     *
     * @throws IllegalArgumentException when {@code type} holds no value of the model where this DTO
     *         could shape it
     */
    DTOEncoder encoderFor(java.lang.reflect.Type type);

    /** Writes the model as one JSON object to {@code generator} (e.g. as part of a larger document). */
    void write(T value, JsonGenerator generator) throws IOException;

    /**
     * Decodes and validates a JSON object. Malformed JSON is a {@link dev.rigel.exceptions.ClientException}
     * (400); wrong types, constraint violations, missing required and forbidden unknown fields are a
     * {@link dev.rigel.exceptions.ValidationException} (400) with one dotted key per field.
     */
    DTOData<T> decode(byte[] json);

    /** Decodes and validates a JSON array of objects; error keys start with the element's index. */
    List<DTOData<T>> decodeAll(byte[] json);

    /**
     * {@link #decode(byte[])} for a request body: a validation failure's detail names the request
     * ({@code "Validation failed for POST /users"}), as the framework's own body binding does.
     */
    DTOData<T> decode(byte[] json, String method, String path);

    /** {@link #decodeAll(byte[])} for a request body; see {@link #decode(byte[], String, String)}. */
    List<DTOData<T>> decodeAll(byte[] json, String method, String path);

    /**
     * This DTO reading and writing another Jackson format instead of JSON ({@code factory}, e.g.
     * MessagePack's or CBOR's): the same fields, names, value codecs and checks; {@code
     * formatName} names the format in errors ({@code "Malformed MessagePack in request body"}).
     * Made once per factory; the result cannot change format again.
     */
    DTOCodec<T> withFormat(com.fasterxml.jackson.core.JsonFactory factory, String formatName);

    /** The fields this DTO accepts ({@code INBOUND}) or sends ({@code OUTBOUND}). */
    DTODescription describe(DTODescription.Direction direction);
}

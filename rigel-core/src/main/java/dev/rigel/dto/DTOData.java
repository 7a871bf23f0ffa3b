package dev.rigel.dto;

import java.util.Map;
import java.util.Set;

/**
 * Validated input decoded through a DTO, not yet turned into a model: declare the handler's
 * {@code data} parameter as {@code DTOData<User>} to decide how it becomes one (Litestar's
 * {@code DTOData}).
 *
 * <p>It remembers exactly which fields the client sent, so a field sent as {@code null} differs
 * from a field not sent. {@link #asMap()} holds only the sent fields, and {@link #updateInstance}
 * writes only those: with a partial DTO, {@code PATCH {"email": null}} clears the email and
 * leaves the name alone, while {@code PATCH {}} changes nothing.
 *
 * <p>Field names here are the model's Java names, whatever the names on the wire. Overrides name
 * any field of the model, including those the DTO excludes (ids, timestamps, hashes the server
 * sets), and beat sent values.
 *
 * @param <T> the model type
 */
public interface DTOData<T> {

    /**
     * A new model from the sent fields. Fields not sent get their type's default: null (0/false for
     * primitives) in a record, the no-argument constructor's value in a mutable class.
     */
    T create();

    /** {@link #create()}, with {@code overrides} (by Java field name) set on top. */
    T create(Map<String, ?> overrides);

    /**
     * Writes the sent fields into {@code existing}. A nested model that was sent is merged into the
     * existing one field by field (a partial nested update); collections are replaced whole. A
     * mutable class is changed in place and returned; a record is immutable, so a new record with
     * the changes is returned and {@code existing} is left as it was.
     */
    T updateInstance(T existing);

    /** {@link #updateInstance(Object)}, with {@code overrides} (by Java field name) set on top. */
    T updateInstance(T existing, Map<String, ?> overrides);

    /**
     * The sent fields by Java name, in the model's field order. A nested model is a map of its own
     * sent fields; a collection of them a list of such maps; other values are as decoded.
     */
    Map<String, Object> asMap();

    /** Whether the client sent the field (possibly as null). */
    boolean wasSent(String fieldName);

    /** The Java names of the fields the client sent. */
    Set<String> sentFields();
}

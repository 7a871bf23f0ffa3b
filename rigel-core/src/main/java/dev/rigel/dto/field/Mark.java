package dev.rigel.dto.field;

/**
 * Which way a model field may travel through a DTO, set with {@link DTOField}. A field without a
 * mark travels both ways (subject to the DTO's include/exclude).
 */
public enum Mark {

    /** Sent to clients but never read from them: ids, timestamps, values the server computes. */
    READ_ONLY,

    /** Read from clients but never sent back: values a client may set but not see again. */
    WRITE_ONLY,

    /** Never crosses the wire in either direction: password hashes, internal notes. */
    PRIVATE
}

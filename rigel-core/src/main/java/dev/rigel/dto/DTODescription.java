package dev.rigel.dto;

import java.util.List;

/**
 * What a DTO sends or accepts for its model, one direction at a time: the fields as they appear
 * on the wire. Made for schema generators (OpenAPI) and for documentation; see
 * {@link dev.rigel.http.HandlerInfo#dataDTO()} and {@link dev.rigel.http.HandlerInfo#returnDTO()}.
 *
 * @param modelType the model class
 * @param direction whether this describes input (request bodies) or output (responses)
 * @param fields    the transferred fields, in the model's field order
 */
public record DTODescription(Class<?> modelType, Direction direction, List<DTOFieldDescription> fields) {

    /** Which way data crosses the wire. */
    public enum Direction {
        /** From clients: request bodies. */
        INBOUND,
        /** To clients: responses. */
        OUTBOUND
    }

    public DTODescription {
        fields = List.copyOf(fields);
    }

    /** The field with wire name {@code name}, or null. */
    public DTOFieldDescription field(String name) {
        for (DTOFieldDescription field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }
}

package dev.rigel.internal.body;

import dev.rigel.dto.DTOCodec;
import dev.rigel.pagination.OffsetPagination;
import java.util.Collection;

/**
 * Encodes a route's return value through its return DTO, in the shape the handler declared: one
 * model, a collection of them, or an {@link OffsetPagination} of them ({@code Response<…>} around
 * any of these is unwrapped before). A handler declared to return {@code Object} is looked at per
 * value. Content that is not what the DTO shapes (an after-request hook may replace it) is left
 * to the plain JSON encoder.
 */
public final class DTOResponseWriter {

    /** What the handler's declared return type says it gives. */
    public enum Shape {
        ONE,
        MANY,
        PAGE,
        ANY
    }

    private final DTOCodec<Object> dto;
    private final Class<?> model;
    private final Shape shape;

    @SuppressWarnings("unchecked") // encode is only called with values checked against the model type
    public DTOResponseWriter(DTOCodec<?> dto, Shape shape) {
        this.dto = (DTOCodec<Object>) dto;
        this.model = dto.modelType();
        this.shape = shape;
    }

    /** The JSON for {@code content}, or null when the DTO does not shape it. */
    public byte[] encode(Object content) {
        return encode(content, dto);
    }

    /** {@code content} in a body format besides JSON, or null when the DTO does not shape it. */
    public byte[] encode(Object content, dev.rigel.internal.json.BodyFormat format) {
        return encode(content, dto.withFormat(format.factory(), format.name()));
    }

    private byte[] encode(Object content, DTOCodec<Object> dto) {
        boolean one = shape == Shape.ONE || shape == Shape.ANY;
        boolean many = shape == Shape.MANY || shape == Shape.ANY;
        boolean page = shape == Shape.PAGE || shape == Shape.ANY;
        if (one && model.isInstance(content)) {
            return dto.encode(content);
        }
        if (many && content instanceof Collection<?> values && allModels(values)) {
            return dto.encodeAll(values);
        }
        if (page && content instanceof OffsetPagination<?> values && allModels(values.items())) {
            return dto.encodePage(values);
        }
        return null;
    }

    private boolean allModels(Collection<?> values) {
        for (Object value : values) {
            if (value != null && !model.isInstance(value)) {
                return false;
            }
        }
        return true;
    }
}

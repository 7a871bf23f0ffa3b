package dev.rigel.internal.body;

import dev.rigel.dto.DTOCodec;
import dev.rigel.dto.DTOEncoder;
import dev.rigel.pagination.ClassicPagination;
import dev.rigel.pagination.CursorPagination;
import dev.rigel.pagination.OffsetPagination;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encodes a route's return value through its return DTO, as planned at startup from the handler's
 * declared return type ({@code Response<…>} unwrapped before): the model, a container of it, or
 * any generic type with the model inside ({@link DTOCodec#encoderFor}). A handler declared to
 * return {@code Object} (or a lambda, whose generic return type is erased) is looked at per value:
 * the model, a collection of models, or one of the pagination containers of models. Content that
 * is not of the planned type (an after-request hook may replace it) is left to the plain JSON
 * encoder.
 */
public final class DTOResponseWriter {

    private final DTOCodec<Object> dto;
    private final Class<?> model;
    /** the encoder of the declared type; null when the type is open and each value decides */
    private final DTOEncoder declared;

    private final Class<?> declaredRaw;
    /** for open types: the pagination containers with the model as their item type */
    private final Map<Class<?>, DTOEncoder> pages;
    /** the declared type, or null for an open one */
    private final Type declaredType;
    /** this writer in the body formats besides JSON, each planned on first use */
    private final Map<com.fasterxml.jackson.core.JsonFactory, DTOResponseWriter> inFormats =
            new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked") // encode is only called with values checked against the model type
    private DTOResponseWriter(DTOCodec<?> dto, Type declaredType, Class<?> declaredRaw) {
        this.dto = (DTOCodec<Object>) dto;
        this.model = dto.modelType();
        this.declaredType = declaredType;
        this.declared = declaredType == null ? null : dto.encoderFor(declaredType);
        this.declaredRaw = declaredRaw;
        this.pages = declared != null
                ? Map.of()
                : Map.of(
                        OffsetPagination.class, dto.encoderFor(generic(OffsetPagination.class, model)),
                        ClassicPagination.class, dto.encoderFor(generic(ClassicPagination.class, model)),
                        CursorPagination.class, dto.encoderFor(generic(CursorPagination.class, Object.class, model)));
    }

    /**
     * The writer of values declared as {@code type}, compiled now.
     *
     * @throws IllegalArgumentException when the type holds no value of the DTO's model
     */
    public static DTOResponseWriter forType(DTOCodec<?> dto, Type type, Class<?> raw) {
        return new DTOResponseWriter(dto, type, raw);
    }

    /** The writer for an open declared type ({@code Object}): each value is looked at. */
    public static DTOResponseWriter perValue(DTOCodec<?> dto) {
        return new DTOResponseWriter(dto, null, Object.class);
    }

    /** {@code content} in a body format besides JSON, or null when the DTO does not shape it. */
    public byte[] encode(Object content, dev.rigel.internal.json.BodyFormat format) {
        return inFormats
                .computeIfAbsent(
                        format.factory(),
                        factory -> new DTOResponseWriter(
                                dto.withFormat(factory, format.name()), declaredType, declaredRaw))
                .encode(content);
    }

    /** The JSON for {@code content}, or null when the DTO does not shape it. */
    public byte[] encode(Object content) {
        if (declared != null) {
            return declaredRaw.isInstance(content) ? declared.encode(content) : null;
        }
        if (model.isInstance(content)) {
            return dto.encode(content);
        }
        if (content instanceof Collection<?> values && allModels(values)) {
            return dto.encodeAll(values);
        }
        List<?> items = switch (content) {
            case OffsetPagination<?> page -> page.items();
            case ClassicPagination<?> page -> page.items();
            case CursorPagination<?, ?> page -> page.items();
            case null, default -> null;
        };
        return items != null && allModels(items) ? pages.get(content.getClass()).encode(content) : null;
    }

    private boolean allModels(Collection<?> values) {
        for (Object value : values) {
            if (value != null && !model.isInstance(value)) {
                return false;
            }
        }
        return true;
    }

    /** {@code raw<arguments…>} as a reflection type, for planning a container of the model. */
    private static Type generic(Class<?> raw, Type... arguments) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return arguments.clone();
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }
}

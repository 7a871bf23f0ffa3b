package dev.rigel.internal.binding;

import dev.rigel.dto.DTOCodec;
import dev.rigel.dto.DTOData;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.Response;
import dev.rigel.internal.body.DTOResponseWriter;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.pagination.ClassicPagination;
import dev.rigel.pagination.CursorPagination;
import dev.rigel.pagination.OffsetPagination;
import dev.rigel.response.ResponseContent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where a route's DTOs meet its handler, decided at startup: how the {@code data} parameter is
 * decoded through the data DTO, and in which shape the return value goes through the return DTO.
 * A declared type that does not fit the DTO's model fails the app's build, naming the route.
 */
public final class DTOBindings {

    private DTOBindings() {}

    /**
     * Where a {@code data} parameter's JSON comes from, and the method its validation errors name:
     * the request body ({@link #BODY}), or, on a WebSocket listener, the message in hand.
     */
    public interface DataSource {
        byte[] json(Exchange exchange);

        String method(Exchange exchange);

        /** The codec that reads {@link #json}: {@code dto}, or {@code dto} on another body format. */
        default DTOCodec<?> codec(DTOCodec<?> dto, Exchange exchange) {
            return dto;
        }
    }

    /** The request body in its format (JSON or one a plugin added), named by the request's method. */
    static final DataSource BODY = new DataSource() {
        @Override
        public byte[] json(Exchange exchange) {
            return exchange.body();
        }

        @Override
        public String method(Exchange exchange) {
            return exchange.method();
        }

        @Override
        public DTOCodec<?> codec(DTOCodec<?> dto, Exchange exchange) {
            return inFormat(dto, exchange);
        }
    };

    /**
     * {@code dto} reading the request body's format: JSON (checked as such), a format a plugin
     * added, or a 415. An empty body is left to the DTO's own "body is empty" 400.
     */
    private static DTOCodec<?> inFormat(DTOCodec<?> dto, Exchange exchange) {
        if (exchange.body().length == 0) {
            return dto;
        }
        dev.rigel.internal.json.BodyFormat format =
                exchange.jsonCodec().formatOf(exchange.headers().get("content-type"));
        return format == null ? dto : dto.withFormat(format.factory(), format.name());
    }

    /**
     * The binder of {@code data} through {@code dto}: the model itself ({@code User}), a list of
     * them ({@code List<User>}), or {@link DTOData} of either ({@code DTOData<User>},
     * {@code List<DTOData<User>>}) to control how the model is made.
     */
    static BoundParam dataParam(ParamSpec param, DTOCodec<?> dto, String route, String owner) {
        return dataParam(param, dto, route, owner, BODY);
    }

    /** {@link #dataParam(ParamSpec, DTOCodec, String, String)} with the JSON read from {@code source}. */
    public static BoundParam dataParam(
            ParamSpec param, DTOCodec<?> dto, String route, String owner, DataSource source) {
        Class<?> model = dto.modelType();
        Type type = param.type();
        Class<?> raw = param.rawType();
        if (raw == DTOData.class && Types.raw(Types.typeArgument(type, 0)) == model) {
            return new BoundParam(
                    exchange -> source.codec(dto, exchange)
                            .decode(source.json(exchange), source.method(exchange), exchange.path()),
                    param.name(),
                    "body");
        }
        if (raw == List.class || raw == Collection.class) {
            Type elementType = Types.typeArgument(type, 0);
            Class<?> element = Types.raw(elementType);
            if (element == DTOData.class && Types.raw(Types.typeArgument(elementType, 0)) == model) {
                return new BoundParam(
                        exchange -> source.codec(dto, exchange)
                                .decodeAll(source.json(exchange), source.method(exchange), exchange.path()),
                        param.name(),
                        "body");
            }
            if (element == model) {
                return new BoundParam(
                        exchange -> {
                            String method = source.method(exchange);
                            List<? extends DTOData<?>> decoded = source.codec(dto, exchange)
                                    .decodeAll(source.json(exchange), method, exchange.path());
                            List<Object> models = new ArrayList<>(decoded.size());
                            for (int i = 0; i < decoded.size(); i++) {
                                models.add(create(decoded.get(i), Integer.toString(i), model, method, exchange));
                            }
                            return models;
                        },
                        param.name(),
                        "body");
            }
        }
        if (raw != Object.class && raw.isAssignableFrom(model)) {
            return new BoundParam(
                    exchange -> {
                        String method = source.method(exchange);
                        return create(
                                source.codec(dto, exchange).decode(source.json(exchange), method, exchange.path()),
                                "",
                                model,
                                method,
                                exchange);
                    },
                    param.name(),
                    "body");
        }
        String name = model.getSimpleName();
        throw new ImproperlyConfiguredException(route + ": parameter '" + param.name() + "' of " + owner + " is a "
                + Types.describe(type) + ", but its DTO " + dto + " shapes " + name + "; declare it as " + name
                + ", List<" + name + ">, DTOData<" + name + "> or List<DTOData<" + name + ">>, or set dto = NoDTO.class"
                + " on the handler");
    }

    /**
     * Makes the model for a handler that asked for it directly. A constructor that refuses the values
     * (a record's compact constructor checking them) refuses the client's input: a 400, as Jackson
     * answers a creator that throws.
     */
    private static Object create(DTOData<?> data, String key, Class<?> model, String method, Exchange exchange) {
        try {
            return data.create();
        } catch (RuntimeException e) {
            throw ValidationException.forRequest(
                    method,
                    exchange.path(),
                    List.of(new ValidationError(
                            key, "cannot make a " + model.getSimpleName() + ": " + e.getMessage(), "body")));
        }
    }

    /**
     * How the handler's return value goes through {@code dto}, from the declared return type (inside
     * {@code Response<…>}); null when nothing it returns is data (void, redirects, files, streams).
     * The plan for the type (the model, containers of it, generic wrappers around it) is compiled now.
     */
    public static DTOResponseWriter responseWriter(Type declared, DTOCodec<?> dto, String route, String owner) {
        Type content = Types.raw(declared) == Response.class ? Types.typeArgument(declared, 0) : declared;
        Class<?> raw = Types.raw(content);
        if (raw == void.class || raw == Void.class || ResponseContent.class.isAssignableFrom(raw)) {
            return null;
        }
        if (raw == Object.class || openContainer(content, raw)) {
            // an open type (or a lambda, whose generic return type javac erases): decided per value
            return DTOResponseWriter.perValue(dto);
        }
        try {
            return DTOResponseWriter.forType(dto, content, raw);
        } catch (IllegalArgumentException e) {
            String name = dto.modelType().getSimpleName();
            String erased = content instanceof Class<?> generic && generic.getTypeParameters().length > 0
                    ? " (a lambda's generic return type is erased, so nothing says where the " + name
                            + " sits: declare the handler as a method returning " + generic.getSimpleName() + "<"
                            + name + ">)"
                    : "";
            throw new ImproperlyConfiguredException(
                    route + ": " + owner + " returns " + Types.describe(declared) + ", but its return DTO " + dto
                            + " shapes " + name + " (" + e.getMessage() + ")" + erased + "; return " + name
                            + ", a collection of " + name + ", a pagination of " + name + ", a generic type of yours"
                            + " around it (or Response<…> of these), or set returnDto = NoDTO.class on the handler",
                    e);
        }
    }

    /** A collection or pagination container declared without its item type ({@code List<?>}, raw {@code List}). */
    private static boolean openContainer(Type content, Class<?> raw) {
        boolean container = Collection.class.isAssignableFrom(raw)
                || raw == OffsetPagination.class
                || raw == ClassicPagination.class
                || raw == CursorPagination.class;
        if (!container) {
            return false;
        }
        int items = raw == CursorPagination.class ? 1 : 0;
        return Types.raw(Types.typeArgument(content, items)) == Object.class;
    }
}

package dev.rigel.internal.binding;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.validation.BeanValidation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code data}, the request body: through the route's DTO when one is in force, from a
 * url-encoded or multipart form for {@code @Form} and the upload types, else as bytes, text or
 * JSON decoded by the parameter's type; Bean Validation constraints are checked into the 400 shape.
 */
final class BodyBinding {

    private final String route;
    private final MergedLayers layers;
    private final BindingServices services;
    private final RouteParameters parameters;
    private dev.rigel.dto.DTOCodec<?> dataDto;

    BodyBinding(String route, MergedLayers layers, BindingServices services, RouteParameters parameters) {
        this.route = route;
        this.layers = layers;
        this.services = services;
        this.parameters = parameters;
    }

    /** The DTO {@code data} is decoded through, or null. */
    dev.rigel.dto.DTOCodec<?> dataDto() {
        return dataDto;
    }

    /** {@code data}: the request body, decoded by the parameter's type or through the route's DTO. */
    BoundParam data(ParamSpec param, String owner) {
        dev.rigel.dto.DTOCodec<?> dto = services.dto(layers.dto, route);
        if (dto != null) {
            dataDto = dto;
            parameters.add(param, "data", dev.rigel.http.RouteParameter.Source.BODY, true, null, false);
            return DTOBindings.dataParam(param, dto, route, owner);
        }
        Class<?> type = param.rawType();
        if (param.annotation(dev.rigel.form.Form.class) != null
                || dev.rigel.internal.form.FormBinding.formOnly(param.type())) {
            parameters.add(
                    param, "data", dev.rigel.http.RouteParameter.Source.BODY, type != Optional.class, null, true);
            return formParam(param);
        }
        parameters.add(param, "data", dev.rigel.http.RouteParameter.Source.BODY, type != Optional.class, null, false);
        if (type == byte[].class) {
            return new BoundParam(Exchange::body, "data", "body");
        }
        if (type == String.class) {
            return new BoundParam(Exchange::text, "data", "body");
        }
        ObjectReader reader = services.json().reader(param.type());
        boolean validate = needsValidation(param);
        boolean optional = type == Optional.class;
        return new BoundParam(
                exchange -> {
                    byte[] body = exchange.body();
                    if (optional && body.length == 0) {
                        return Optional.empty();
                    }
                    // JSON, or a format a plugin added, by the body's Content-Type (415 for anything else)
                    Object data = services.json()
                            .decodeBody(
                                    reader,
                                    body,
                                    exchange.headers().get("content-type"),
                                    exchange.method(),
                                    exchange.path());
                    if (validate) {
                        List<ValidationError> errors = BeanValidation.validateBody(
                                optional ? ((Optional<?>) data).orElse(null) : data, services.json()::propertyName);
                        if (!errors.isEmpty()) {
                            throw ValidationException.forRequest(exchange.method(), exchange.path(), errors);
                        }
                    }
                    return data;
                },
                "data",
                "body");
    }

    /** {@code data} read from a url-encoded or multipart form (see {@link dev.rigel.form.Form}). */
    private BoundParam formParam(ParamSpec param) {
        dev.rigel.internal.form.FormBinding.FormBinder binder = dev.rigel.internal.form.FormBinding.plan(
                param.type(), services.json()::propertyName, route + ": parameter 'data'");
        boolean validate = needsValidation(param);
        return new BoundParam(
                exchange -> {
                    List<ValidationError> errors = new ArrayList<>(0);
                    Object data;
                    try {
                        data = binder.bind(exchange.form(), errors);
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Throwable t) {
                        throw new IllegalStateException("Binding the form of " + route + " failed", t);
                    }
                    if (!errors.isEmpty()) {
                        throw ValidationException.forRequest(exchange.method(), exchange.path(), errors);
                    }
                    if (validate) {
                        errors = BeanValidation.validateBody(
                                data instanceof Optional<?> optional ? optional.orElse(null) : data,
                                services.json()::propertyName);
                        if (!errors.isEmpty()) {
                            throw ValidationException.forRequest(exchange.method(), exchange.path(), errors);
                        }
                    }
                    return data;
                },
                "data",
                "body");
    }

    private static boolean needsValidation(ParamSpec param) {
        Class<?> raw = param.rawType();
        if (Collection.class.isAssignableFrom(raw) || raw == Optional.class) {
            return BeanValidation.isConstrained(Types.raw(Types.typeArgument(param.type(), 0)));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return BeanValidation.isConstrained(Types.raw(Types.typeArgument(param.type(), 1)));
        }
        return BeanValidation.isConstrained(raw);
    }
}

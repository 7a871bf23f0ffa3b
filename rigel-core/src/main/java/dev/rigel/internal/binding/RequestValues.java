package dev.rigel.internal.binding;

import dev.rigel.annotation.Param;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.routing.ParamType;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.text.ValueConverter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binds values the client sends beside the body: path parameters (converted by the segment's
 * type; a value that does not convert is a 404, no route matched) and query, header and cookie
 * values (converted by the parameter's type, with defaults and {@code Optional}/collections; a
 * missing or unconvertible value is a 400 naming it).
 */
final class RequestValues {

    private final String route;
    private final PathTemplate template;
    private final BindingServices services;
    private final RouteParameters parameters;

    RequestValues(String route, PathTemplate template, BindingServices services, RouteParameters parameters) {
        this.route = route;
        this.template = template;
        this.services = services;
        this.parameters = parameters;
    }

    /** A path parameter of the route matching {@code param}'s name, or null. */
    BoundParam path(ParamSpec param) {
        List<PathTemplate.Segment> params = template.params();
        for (int i = 0; i < params.size(); i++) {
            PathTemplate.Segment segment = params.get(i);
            if (segment.paramName().equals(param.name())
                    || comparable(segment.paramName()).equals(comparable(param.name()))) {
                String name = segment.paramName();
                parameters.add(param, name, dev.rigel.http.RouteParameter.Source.PATH, true, null, false);
                Class<?> target = Types.boxed(param.rawType());
                Class<?> canonical = segment.paramType().javaType();
                if (target.isAssignableFrom(canonical) || target == Object.class) {
                    if (target != Object.class
                            && (segment.paramType() == ParamType.DATETIME || segment.paramType() == ParamType.TIME)) {
                        // these also yield OffsetDateTime / OffsetTime, which a local type cannot hold: no match
                        return new BoundParam(
                                exchange -> {
                                    Object value = exchange.pathParams().get(name);
                                    if (!target.isInstance(value)) {
                                        throw new dev.rigel.exceptions.NotFoundException();
                                    }
                                    return value;
                                },
                                name,
                                "path");
                    }
                    return new BoundParam(exchange -> exchange.pathParams().get(name), name, "path");
                }
                if (target == String.class) {
                    return new BoundParam(
                            exchange -> String.valueOf(exchange.pathParams().get(name)), name, "path");
                }
                ValueConverter converter = services.valueConverter(target);
                if (converter == null) {
                    throw new ImproperlyConfiguredException(route + ": path parameter '" + name + "' is a "
                            + segment.paramType().label() + " and cannot be bound to "
                            + Types.describe(param.type()));
                }
                return new BoundParam(
                        exchange -> {
                            Object value = exchange.pathParams().get(name);
                            if (target.isInstance(value)) {
                                return value;
                            }
                            try {
                                return converter.convert(String.valueOf(value));
                            } catch (IllegalArgumentException e) {
                                throw new dev.rigel.exceptions.NotFoundException();
                            }
                        },
                        name,
                        "path");
            }
        }
        return null;
    }

    /** {@code user_id} and {@code userId} name the same path parameter. */
    private static String comparable(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** A query, header or cookie value, converted to the parameter's type; null when no converter knows the type. */
    BoundParam value(ParamSpec param, String key, String source, Param explicit, String owner) {
        Class<?> raw = param.rawType();
        boolean optional = raw == Optional.class;
        boolean multi = raw == List.class || raw == Set.class || raw == Collection.class;
        Class<?> element = optional || multi ? Types.raw(Types.typeArgument(param.type(), 0)) : raw;
        ValueConverter converter = services.valueConverter(element);
        if (converter == null || element == Object.class) {
            return null;
        }
        String defaultText =
                explicit != null && !Param.NO_DEFAULT.equals(explicit.defaultValue()) ? explicit.defaultValue() : null;
        boolean required = !optional && !multi && defaultText == null && (explicit == null || explicit.required());
        if (!required && !optional && !multi && defaultText == null && raw.isPrimitive()) {
            throw new ImproperlyConfiguredException(route + ": " + source + " parameter '" + key + "' of " + owner
                    + " is optional but has primitive type " + raw.getSimpleName()
                    + "; give it a defaultValue or use Optional or a boxed type");
        }
        Object defaultValue;
        try {
            defaultValue = defaultText == null ? null : converter.convert(defaultText);
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(route + ": default value of " + source + " parameter '" + key
                    + "' of " + owner + " does not fit its type: " + e.getMessage());
        }
        ValueLookup lookup = switch (source) {
            case "header" -> (exchange, name) -> exchange.headers().getAll(name);
            case "cookie" ->
                (exchange, name) -> {
                    String value = exchange.cookies().get(name);
                    return value == null ? List.of() : List.of(value);
                };
            default -> (exchange, name) -> exchange.query().getAll(name);
        };
        parameters.add(
                param,
                key,
                dev.rigel.http.RouteParameter.Source.valueOf(source.toUpperCase(Locale.ROOT)),
                required,
                defaultText,
                false);
        String label = source.equals("query") ? "query parameter" : source;
        boolean asSet = raw == Set.class;
        return new BoundParam(
                exchange -> {
                    List<String> values = lookup.values(exchange, key);
                    if (multi) {
                        Collection<Object> converted = asSet ? new LinkedHashSet<>() : new ArrayList<>(values.size());
                        if (values.isEmpty() && defaultValue != null) {
                            converted.add(defaultValue);
                        }
                        for (String value : values) {
                            converted.add(convert(converter, value, key, source, exchange));
                        }
                        return asSet ? Set.copyOf(converted) : List.copyOf(converted);
                    }
                    if (values.isEmpty()) {
                        if (optional) {
                            return Optional.ofNullable(defaultValue);
                        }
                        if (defaultValue != null || !required) {
                            return defaultValue;
                        }
                        throw ValidationException.forRequest(
                                exchange.method(),
                                exchange.path(),
                                List.of(new ValidationError(
                                        key, "Missing required " + label + " '" + key + "'", source)));
                    }
                    Object value = convert(converter, values.get(0), key, source, exchange);
                    return optional ? Optional.of(value) : value;
                },
                key,
                source);
    }

    @FunctionalInterface
    private interface ValueLookup {
        List<String> values(Exchange exchange, String name);
    }

    private static Object convert(ValueConverter converter, String text, String key, String source, Exchange exchange) {
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw ValidationException.forRequest(
                    exchange.method(), exchange.path(), List.of(new ValidationError(key, e.getMessage(), source)));
        }
    }
}

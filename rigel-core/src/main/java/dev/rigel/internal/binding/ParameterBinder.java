package dev.rigel.internal.binding;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.rigel.annotation.Param;
import dev.rigel.di.ParameterSource;
import dev.rigel.events.EventEmitter;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.QueryParams;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.ParamType;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.text.ValueConverter;
import dev.rigel.internal.validation.BeanValidation;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import dev.rigel.stores.StoreRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, once per route at startup, where each handler and provider parameter comes from.
 * Parameters bind by name, as in Litestar: an explicit {@link Param} source; a reserved type
 * ({@code Request}, {@code State}, …); a {@link ParameterSource} of a feature or plugin; a
 * reserved name ({@code data}, {@code body}, …); a path parameter; a dependency key (closest layer
 * wins, ordered by the route's {@link DependencyGraph}); and otherwise, for scalar types, a query
 * parameter. Anything else is a missing dependency, reported here.
 */
public final class ParameterBinder {

    private final String route;
    private final PathTemplate template;
    private final MergedLayers layers;
    private final BindingServices services;
    private final ConnectionParameters connection;
    private final List<ParameterSource> sources;
    private final DependencyGraph dependencies;
    private dev.rigel.dto.DTOCodec<?> dataDto;

    /** request values as they are bound, see {@link #describedParameters()} */
    private final List<dev.rigel.http.RouteParameter> described = new ArrayList<>();

    /** A binder for an HTTP route. */
    public ParameterBinder(String route, PathTemplate template, MergedLayers layers, BindingServices services) {
        this(route, template, layers, services, ConnectionParameters.HTTP);
    }

    /** A binder for a route whose connection-specific parameters follow {@code connection}. */
    public ParameterBinder(
            String route,
            PathTemplate template,
            MergedLayers layers,
            BindingServices services,
            ConnectionParameters connection) {
        this.route = route;
        this.template = template;
        this.layers = layers;
        this.services = services;
        this.connection = connection;
        this.sources = services.parameterSources();
        this.dependencies = new DependencyGraph(route, layers, services, this);
    }

    /** The DTO the {@code data} parameter is decoded through, or null. */
    public dev.rigel.dto.DTOCodec<?> dataDto() {
        return dataDto;
    }

    /** The route's dependencies in resolution order. */
    public List<ProviderStep> steps() {
        return dependencies.steps();
    }

    /**
     * The request values bound so far (handler and providers), for {@link dev.rigel.http.HandlerInfo#parameters()}:
     * the template's path parameters first (also those nothing binds), then the rest in binding order, each
     * (source, name) once.
     */
    public List<dev.rigel.http.RouteParameter> describedParameters() {
        Map<String, dev.rigel.http.RouteParameter> byKey = new java.util.LinkedHashMap<>();
        for (PathTemplate.Segment segment : template.params()) {
            dev.rigel.http.RouteParameter bound = described.stream()
                    .filter(p -> p.source() == dev.rigel.http.RouteParameter.Source.PATH
                            && p.name().equals(segment.paramName()))
                    .findFirst()
                    .orElse(null);
            byKey.put(
                    "PATH " + segment.paramName(),
                    bound != null
                            ? bound
                            : new dev.rigel.http.RouteParameter(
                                    segment.paramName(),
                                    dev.rigel.http.RouteParameter.Source.PATH,
                                    segment.paramType().javaType(),
                                    true,
                                    null,
                                    List.of(),
                                    false));
        }
        for (dev.rigel.http.RouteParameter parameter : described) {
            byKey.putIfAbsent(parameter.source() + " " + parameter.name(), parameter);
        }
        return List.copyOf(byKey.values());
    }

    private void describe(
            ParamSpec param,
            String key,
            dev.rigel.http.RouteParameter.Source source,
            boolean required,
            String defaultValue,
            boolean form) {
        described.add(new dev.rigel.http.RouteParameter(
                key, source, param.type(), required, defaultValue, List.of(param.annotations()), form));
    }

    public int slotCount() {
        return dependencies.slotCount();
    }

    public BoundParam[] bind(CallableSpec callable, String owner) {
        BoundParam[] bound = new BoundParam[callable.arity()];
        for (ParamSpec param : callable.params()) {
            bound[param.index()] = bind(param, callable, owner);
        }
        return bound;
    }

    private BoundParam bind(ParamSpec param, CallableSpec callable, String owner) {
        Param explicit = param.annotation(Param.class);
        if (explicit != null) {
            BoundParam bound = explicitSource(param, explicit, owner);
            if (bound != null) {
                return bound;
            }
        }
        if (param.rawType() == StoreRegistry.class) {
            StoreRegistry stores = services.stores();
            return new BoundParam(exchange -> stores, "stores", null);
        }
        if (param.rawType() == EventEmitter.class) {
            EventEmitter events = services.events();
            return new BoundParam(exchange -> events, "events", null);
        }
        BoundParam reserved = reservedType(param.rawType());
        if (reserved == null) {
            reserved = connection.reservedType(param, route, owner);
        }
        if (reserved == null) {
            reserved = fromSources(param, owner);
        }
        if (reserved != null) {
            return reserved;
        }
        String name = param.name();
        if (name == null) {
            throw new ImproperlyConfiguredException(route + ": parameter " + (param.index() + 1) + " ("
                    + Types.describe(param.type()) + ") of " + callable.description() + " has no name at run time. "
                    + (callable.lambdaBody()
                            ? "A lambda's parameter names are only in the class file's debug information, and this class"
                                    + " was compiled without it; compile with -g (Maven's default), or take reserved types such as"
                                    + " Request or State, or use a method reference or an annotated method."
                            : "The class was compiled without -parameters; add <parameters>true</parameters> to the"
                                    + " maven-compiler-plugin configuration (or pass -parameters to javac)."));
        }
        if (callable.lambdaBody()
                && param.type() instanceof Class<?> raw
                && raw.getTypeParameters().length > 0
                && !name.equals("cookies")
                && !name.equals("query")) {
            throw new ImproperlyConfiguredException(route + ": parameter '" + name + "' of " + owner + " is a "
                    + raw.getSimpleName() + " without its type arguments: Java erases the type arguments of a"
                    + " lambda's parameters. Use a method reference or an annotated method for generic parameters.");
        }
        BoundParam byName = reservedName(param, owner);
        if (byName != null) {
            return byName;
        }
        BoundParam path = pathParam(param);
        if (path != null) {
            if (layers.dependencies.containsKey(name)) {
                // as Litestar: a name that is both would be bound by a rule the reader cannot see
                throw new ImproperlyConfiguredException(route + ": parameter '" + name + "' of " + owner
                        + " is both a path parameter and a dependency (declared on "
                        + layers.dependencies.get(name).layer() + "); rename one of them");
            }
            return path;
        }
        if (layers.dependencies.containsKey(name)) {
            int slot = dependencies.slot(name, param, owner);
            return new BoundParam(exchange -> exchange.dependencyValues[slot], name, null);
        }
        BoundParam query = valueParam(param, name, "query", explicit, owner);
        if (query != null) {
            return query;
        }
        throw new ImproperlyConfiguredException(route + ": parameter '" + name + "' (" + Types.describe(param.type())
                + ") of " + owner + " is not a path parameter, a reserved name, or a query value, and no layer"
                + " provides a dependency named '" + name + "'. Searched: " + layers.searchedLayers()
                + ". Register one with .dependency(\"" + name + "\", Provide.of(…)) on one of those layers.");
    }

    private BoundParam explicitSource(ParamSpec param, Param explicit, String owner) {
        int sources = (explicit.header().isEmpty() ? 0 : 1)
                + (explicit.cookie().isEmpty() ? 0 : 1)
                + (explicit.query().isEmpty() ? 0 : 1);
        if (sources > 1) {
            throw new ImproperlyConfiguredException(route + ": parameter '" + param.name() + "' of " + owner
                    + " names more than one of header, cookie and query in @Param");
        }
        if (!explicit.header().isEmpty()) {
            return valueParam(param, explicit.header(), "header", explicit, owner);
        }
        if (!explicit.cookie().isEmpty()) {
            return valueParam(param, explicit.cookie(), "cookie", explicit, owner);
        }
        if (!explicit.query().isEmpty()) {
            return valueParam(param, explicit.query(), "query", explicit, owner);
        }
        return null;
    }

    private static BoundParam reservedType(Class<?> type) {
        if (type == Request.class) {
            return new BoundParam(exchange -> exchange, "request", null);
        }
        if (type == State.class) {
            return new BoundParam(Exchange::appState, "state", null);
        }
        if (type == Scope.class) {
            return new BoundParam(Exchange::scope, "scope", null);
        }
        if (type == Headers.class) {
            return new BoundParam(Exchange::headers, "headers", null);
        }
        if (type == QueryParams.class) {
            return new BoundParam(Exchange::query, "query", null);
        }
        return null;
    }

    /** The first parameter source that supplies {@code param}, or null. */
    private BoundParam fromSources(ParamSpec param, String owner) {
        if (sources.isEmpty()) {
            return null;
        }
        ParameterSource.Parameter offered = new ParameterSource.Parameter(
                param.name(), param.type(), param.rawType(), List.of(param.annotations()), route, owner);
        for (ParameterSource source : sources) {
            ParameterSource.Resolver resolver = source.resolve(offered);
            if (resolver != null) {
                return new BoundParam(resolver::resolve, param.name(), null);
            }
        }
        return null;
    }

    private BoundParam reservedName(ParamSpec param, String owner) {
        BoundParam socketParam = connection.reservedName(param, route, owner);
        if (socketParam != null) {
            return socketParam;
        }
        Class<?> type = param.rawType();
        return switch (param.name()) {
            case "data" -> dataParam(param, owner);
            case "body" -> {
                requireType(param, owner, byte[].class, "the raw request body");
                describe(param, "body", dev.rigel.http.RouteParameter.Source.BODY, false, null, false);
                yield new BoundParam(Exchange::body, "body", "body");
            }
            case "cookies" -> {
                requireType(param, owner, Map.class, "the request cookies");
                yield new BoundParam(Exchange::cookies, "cookies", null);
            }
            case "query" -> {
                requireType(param, owner, Map.class, "the query parameters");
                yield new BoundParam(exchange -> exchange.query().asMap(), "query", null);
            }
            case "request", "state", "scope", "headers" ->
                throw new ImproperlyConfiguredException(route
                        + ": parameter '" + param.name() + "' of " + owner + " is a reserved name but has type "
                        + type.getSimpleName() + "; declare it as "
                        + switch (param.name()) {
                            case "request" -> "Request";
                            case "state" -> "State";
                            case "scope" -> "Scope";
                            default -> "Headers";
                        }
                        + " or rename it");
            default -> null;
        };
    }

    private void requireType(ParamSpec param, String owner, Class<?> expected, String what) {
        if (!param.rawType().isAssignableFrom(expected) && !expected.isAssignableFrom(param.rawType())) {
            throw new ImproperlyConfiguredException(route + ": parameter '" + param.name() + "' of " + owner
                    + " receives " + what + " and must be a " + expected.getSimpleName() + ", not "
                    + Types.describe(param.type()));
        }
    }

    private BoundParam dataParam(ParamSpec param, String owner) {
        dev.rigel.dto.DTOCodec<?> dto = services.dto(layers.dto, route);
        if (dto != null) {
            dataDto = dto;
            describe(param, "data", dev.rigel.http.RouteParameter.Source.BODY, true, null, false);
            return DTOBindings.dataParam(param, dto, route, owner);
        }
        Class<?> type = param.rawType();
        if (param.annotation(dev.rigel.form.Form.class) != null
                || dev.rigel.internal.form.FormBinding.formOnly(param.type())) {
            describe(param, "data", dev.rigel.http.RouteParameter.Source.BODY, type != Optional.class, null, true);
            return formParam(param);
        }
        describe(param, "data", dev.rigel.http.RouteParameter.Source.BODY, type != Optional.class, null, false);
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
                    Object data = services.json().decode(reader, body, exchange.method(), exchange.path());
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

    private BoundParam pathParam(ParamSpec param) {
        List<PathTemplate.Segment> params = template.params();
        for (int i = 0; i < params.size(); i++) {
            PathTemplate.Segment segment = params.get(i);
            if (segment.paramName().equals(param.name())
                    || comparable(segment.paramName()).equals(comparable(param.name()))) {
                String name = segment.paramName();
                describe(param, name, dev.rigel.http.RouteParameter.Source.PATH, true, null, false);
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
                            + segment.paramType().label() + " and cannot be bound to " + Types.describe(param.type()));
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

    /** A query, header or cookie value, converted to the parameter's type. */
    private BoundParam valueParam(ParamSpec param, String key, String source, Param explicit, String owner) {
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
        describe(
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

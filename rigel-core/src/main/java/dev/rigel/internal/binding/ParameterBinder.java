package dev.rigel.internal.binding;

import dev.rigel.annotation.Param;
import dev.rigel.di.ParameterSource;
import dev.rigel.events.EventEmitter;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.QueryParams;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.validation.BeanValidation;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import dev.rigel.stores.StoreRegistry;
import java.util.List;
import java.util.Map;

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
    private final RouteParameters parameters;
    private final RequestValues values;
    private final BodyBinding body;
    private ParameterSource.Route sourceRoute;

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
        this.parameters = new RouteParameters(template);
        this.values = new RequestValues(route, template, services, parameters);
        this.body = new BodyBinding(route, layers, services, parameters);
    }

    /** The DTO the {@code data} parameter is decoded through, or null. */
    public dev.rigel.dto.DTOCodec<?> dataDto() {
        return body.dataDto();
    }

    /** The request values bound so far (handler and providers), for {@link dev.rigel.http.HandlerInfo#parameters()}. */
    public List<dev.rigel.http.RouteParameter> describedParameters() {
        return parameters.all();
    }

    /** The route's dependencies in resolution order. */
    public List<ProviderStep> steps() {
        return dependencies.steps();
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

    /**
     * Plans the request parameters the route's layers declare for all their routes (see {@code
     * LayerBuilder.parameters}), recording them among the route's parameters.
     */
    public LayerParameters layerParameters() {
        if (layers.parameters.isEmpty()) {
            return LayerParameters.NONE;
        }
        List<LayerParameters.Declared> declared = new java.util.ArrayList<>();
        layers.parameters.forEach((name, parameter) -> {
            ParamSpec spec = declaredSpec(parameter, 0, null);
            BoundParam bound = bind(spec, declaringConstructor(parameter), "parameters of " + parameter.layer(), false);
            boolean constrained = BeanValidation.mayBeConstrained(parameter.declaration())
                    && BeanValidation.validator()
                                    .getConstraintsForClass(parameter.declaration())
                                    .getConstraintsForProperty(name)
                            != null;
            declared.add(new LayerParameters.Declared(bound, constrained ? parameter.declaration() : null, name));
        });
        return new LayerParameters(declared);
    }

    /** The declared component as a parameter at {@code index}; {@code type} replaces its own when given. */
    private static ParamSpec declaredSpec(
            MergedLayers.DeclaredParameter parameter, int index, java.lang.reflect.Type type) {
        java.lang.reflect.RecordComponent component = parameter.component();
        java.lang.annotation.Annotation[] annotations = canonicalConstructor(parameter.declaration())
                .getParameters()[parameter.index()]
                .getAnnotations();
        return new ParamSpec(index, component.getName(), type != null ? type : component.getGenericType(), annotations);
    }

    private static java.lang.reflect.Constructor<?> canonicalConstructor(Class<? extends Record> declaration) {
        Class<?>[] types = java.util.Arrays.stream(declaration.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return declaration.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("A record always has its canonical constructor: " + declaration, e);
        }
    }

    /** Stands for the declaring record in messages; nothing calls it. */
    private static CallableSpec declaringConstructor(MergedLayers.DeclaredParameter parameter) {
        return new CallableSpec(
                "record " + parameter.declaration().getSimpleName(),
                List.of(),
                parameter.declaration(),
                args -> null,
                null,
                null,
                false);
    }

    private BoundParam bind(ParamSpec param, CallableSpec callable, String owner) {
        return bind(param, callable, owner, true);
    }

    private BoundParam bind(ParamSpec param, CallableSpec callable, String owner, boolean asDeclared) {
        Param explicit = param.annotation(Param.class);
        if (asDeclared && explicit == null && param.name() != null) {
            MergedLayers.DeclaredParameter declared = layers.parameters.get(param.name());
            if (declared != null) {
                // read where and how the layer said, converted to the type this parameter wants
                return bind(declaredSpec(declared, param.index(), param.type()), callable, owner, false);
            }
        }
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
        BoundParam path = values.path(param);
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
        BoundParam query = values.value(param, name, "query", explicit, owner);
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
            return values.value(param, explicit.header(), "header", explicit, owner);
        }
        if (!explicit.cookie().isEmpty()) {
            return values.value(param, explicit.cookie(), "cookie", explicit, owner);
        }
        if (!explicit.query().isEmpty()) {
            return values.value(param, explicit.query(), "query", explicit, owner);
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

    /** The route as parameter sources see it; made once, when the first parameter is offered. */
    private ParameterSource.Route sourceRoute() {
        if (sourceRoute == null) {
            sourceRoute = new ParameterSource.Route(
                    route,
                    template.template(),
                    connection.scopeType(),
                    layers.opt,
                    layers.middleware,
                    layers.dependencies.keySet());
        }
        return sourceRoute;
    }

    /** The first parameter source that supplies {@code param}, or null. */
    private BoundParam fromSources(ParamSpec param, String owner) {
        if (sources.isEmpty()) {
            return null;
        }
        ParameterSource.Parameter offered = new ParameterSource.Parameter(
                param.name(), param.type(), param.rawType(), List.of(param.annotations()), sourceRoute(), owner);
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
            case "data" -> body.data(param, owner);
            case "body" -> {
                parameters.add(param, "body", dev.rigel.http.RouteParameter.Source.BODY, false, null, false);
                if (type == java.io.InputStream.class) {
                    // read as it arrives (request.stream()), never buffered whole
                    yield new BoundParam(Exchange::stream, "body", "body");
                }
                requireType(param, owner, byte[].class, "the raw request body (or an InputStream of it)");
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
}

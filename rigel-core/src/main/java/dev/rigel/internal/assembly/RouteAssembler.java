package dev.rigel.internal.assembly;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.dto.DTOCodec;
import dev.rigel.dto.DTODescription;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Response;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.app.Endpoint;
import dev.rigel.internal.app.LayerServices;
import dev.rigel.internal.app.MountPlan;
import dev.rigel.internal.app.RouteDescription;
import dev.rigel.internal.app.RoutePlan;
import dev.rigel.internal.app.RouteTable;
import dev.rigel.internal.binding.BoundParam;
import dev.rigel.internal.binding.DTOBindings;
import dev.rigel.internal.binding.LayerParameters;
import dev.rigel.internal.binding.ParameterBinder;
import dev.rigel.internal.binding.RouteGuards;
import dev.rigel.internal.body.DTOResponseWriter;
import dev.rigel.internal.body.ResponseEncoder;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.routing.RouteTrie;
import dev.rigel.internal.websocket.WebSocketRoutePlan;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns declared handlers into route plans, once, at startup: merges each handler's layers,
 * binds its parameters, resolves its DTOs, encoder and response cache, and files the plan in the
 * route trie under its path and methods. The app walks its route handlers (routers, controllers,
 * routes) and hands every handler here with the layers above it; {@link #table()} is the result.
 * Every configuration error surfaces here, as an {@link ImproperlyConfiguredException} naming the
 * route.
 */
public final class RouteAssembler {

    private final AppServices services;
    private final RouteTrie<Endpoint> trie = new RouteTrie<>();
    private final List<HandlerInfo> routes = new ArrayList<>();
    private final List<Lifespan> mounted = new ArrayList<>();

    public RouteAssembler(AppServices services) {
        this.services = services;
    }

    /** The layers every route starts from: the app's own. */
    public List<LayerSettings> appChain() {
        return List.of(services.settings().appLayer());
    }

    /**
     * Adds the annotated handler methods and WebSocket routes of {@code instance} (a controller,
     * or any object with {@code @Get}, {@code @WebSocket}, … methods) under {@code prefix}; false
     * when it has none.
     */
    public boolean addAnnotated(String prefix, List<LayerSettings> chain, Object instance) {
        List<HandlerDefinition> handlers = HandlerScanner.scan(instance);
        List<WebSocketDefinition> sockets = WebSocketScanner.scan(instance);
        if (handlers.isEmpty() && sockets.isEmpty()) {
            return false;
        }
        handlers.forEach(definition -> add(prefix, chain, definition));
        sockets.forEach(definition -> add(prefix, chain, definition));
        return true;
    }

    /** Whether {@code type} declares annotated handler methods or WebSocket routes. */
    public static boolean declaresRoutes(Class<?> type) {
        return HandlerScanner.hasHandlers(type) || WebSocketScanner.hasRoutes(type);
    }

    /** The finished routes; the assembler is not used after this. */
    public RouteTable table() {
        return new RouteTable(trie, routes, mounted);
    }

    /** {@code chain} with {@code layer} nested innermost. */
    public static List<LayerSettings> nest(List<LayerSettings> chain, LayerSettings layer) {
        List<LayerSettings> longer = new ArrayList<>(chain.size() + 1);
        longer.addAll(chain);
        longer.add(layer);
        return List.copyOf(longer);
    }

    /** Mounts {@code application} at {@code path} (a full path template) under {@code chain}'s layers. */
    public void addMount(String path, String name, Application application, List<LayerSettings> chain) {
        PathTemplate template;
        try {
            template = PathTemplate.parse(PathTemplate.join(path, "{" + MountPlan.REST + ":path}"));
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(name + ": " + e.getMessage(), e);
        }
        MergedLayers layers = new MergedLayers(chain, services.settings().dependencyOverrides());
        MountPlan plan = new MountPlan(template, name, application, layers, services);
        Endpoint endpoint;
        try {
            endpoint = trie.endpoint(template, Endpoint::new);
        } catch (IllegalStateException e) {
            throw new ImproperlyConfiguredException(name + ": " + e.getMessage(), e);
        }
        endpoint.addMount(plan);
        routes.add(plan.description());
        if (plan.lifespan() != null) {
            mounted.add(plan.lifespan());
        }
    }

    public void add(String prefix, List<LayerSettings> chain, WebSocketDefinition definition) {
        for (String relative : definition.paths()) {
            PathTemplate template;
            try {
                template = PathTemplate.parse(PathTemplate.join(prefix, relative));
            } catch (IllegalArgumentException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            MergedLayers layers = new MergedLayers(
                    nest(chain, definition.layer()), services.settings().dependencyOverrides());
            WebSocketRoutePlan plan = WebSocketPlanner.plan(template, definition, layers, services);
            Endpoint endpoint;
            try {
                endpoint = trie.endpoint(template, Endpoint::new);
            } catch (IllegalStateException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            endpoint.addWebSocket(plan);
            routes.add(plan.description());
        }
    }

    public void add(String prefix, List<LayerSettings> chain, HandlerDefinition definition) {
        for (String relative : definition.paths()) {
            String fullPath = PathTemplate.join(prefix, relative);
            PathTemplate template;
            try {
                template = PathTemplate.parse(fullPath);
            } catch (IllegalArgumentException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            String description =
                    String.join("/", definition.methods()) + " " + template.template() + " (" + definition.name() + ")";
            if (definition.routeName() != null) {
                services.routeNames().register(definition.routeName(), definition, description, template);
            }
            MergedLayers layers = new MergedLayers(
                    nest(chain, definition.layer()), services.settings().dependencyOverrides());
            LayerServices routeServices = services.forLayers(layers);
            ParameterBinder planner = new ParameterBinder(description, template, layers, routeServices);
            LayerParameters layerParameters = planner.layerParameters();
            BoundParam[] params = planner.bind(definition.callable(), "handler " + definition.name());
            // an asynchronous handler's response, DTO and document are its stage's value's
            CallableSpec callable = definition
                    .callable()
                    .withReturnType(services.asyncResults()
                            .resultType(definition.callable().returnType()));
            RouteGuards guards = RouteGuards.plan(layers.guards, planner);
            dev.rigel.dto.DTOCodec<?> returnDto = services.dto(layers.returnDto, description);
            DTOResponseWriter dtoWriter = returnDto == null
                    ? null
                    : DTOBindings.responseWriter(
                            callable.returnType(), returnDto, description, "handler " + definition.name());
            ResponseEncoder encoder = encoderFor(definition, callable, layers, dtoWriter, routeServices.json());
            RouteDescription described = RouteDescription.http(
                    template.template(),
                    definition.methods(),
                    definition.name(),
                    layers,
                    callable,
                    definition.status(),
                    definition.mediaType(),
                    planner.describedParameters(),
                    describe(planner.dataDto(), DTODescription.Direction.INBOUND),
                    describe(dtoWriter == null ? null : returnDto, DTODescription.Direction.OUTBOUND));
            RoutePlan plan = new RoutePlan(
                    described,
                    layers,
                    callable,
                    layerParameters,
                    params,
                    planner.steps(),
                    planner.slotCount(),
                    encoder,
                    definition.nonBlocking(),
                    services.responseCache(definition.cache(), definition.cacheKeyBuilder(), description),
                    guards,
                    services,
                    routeServices);
            Endpoint endpoint;
            try {
                endpoint = trie.endpoint(template, Endpoint::new);
            } catch (IllegalStateException e) {
                throw new ImproperlyConfiguredException(definition.name() + ": " + e.getMessage(), e);
            }
            for (String method : definition.methods()) {
                endpoint.add(method, plan);
            }
            routes.add(plan.description());
        }
    }

    private static DTODescription describe(DTOCodec<?> dto, DTODescription.Direction direction) {
        return dto == null ? null : dto.describe(direction);
    }

    private ResponseEncoder encoderFor(
            HandlerDefinition definition,
            CallableSpec callable,
            MergedLayers layers,
            DTOResponseWriter dtoWriter,
            JsonCodec json) {
        Type declared = callable.returnType();
        if (Types.raw(declared) == Response.class) {
            declared = Types.typeArgument(declared, 0);
        }
        Class<?> raw = Types.raw(declared);
        if (raw == dev.rigel.response.Template.class && !services.templates().hasEngine()) {
            throw new ImproperlyConfiguredException(definition.name() + " returns templates but the app has no template"
                    + " engine; register one as a plugin, e.g. App.builder().plugins(PebbleTemplates.classpath("
                    + "\"templates\")) from rigel-pebble");
        }
        boolean plainJson = raw != Object.class
                && raw != String.class
                && raw != byte[].class
                && raw != void.class
                && raw != Void.class
                && !raw.isPrimitive()
                && !dev.rigel.response.ResponseContent.class.isAssignableFrom(raw); // sent by ContentResponses
        ObjectWriter writer = plainJson ? json.writer(declared) : null;
        return new ResponseEncoder(
                json,
                writer,
                Types.boxed(raw),
                definition.mediaType(),
                layers.sentHeaders,
                layers.responseCookies,
                services.templates(),
                dtoWriter);
    }
}

package dev.rigel;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.app.RouteTable;
import dev.rigel.internal.assembly.HandlerDefinition;
import dev.rigel.internal.assembly.RouteAssembler;
import dev.rigel.internal.assembly.WebSocketDefinition;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Instantiation;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.internal.routing.PathTemplate;
import java.util.List;

/**
 * Walks the route handlers an app was given (routers, controllers, routes, handler classes and
 * objects), keeping the path prefix and the layers above each, and hands every handler to the
 * {@link RouteAssembler}. It lives beside the definitions it reads, so their assembly-only
 * accessors stay package-private and the internals never see these types.
 */
final class RouteTree {

    private RouteTree() {}

    static RouteTable assemble(List<Object> routeHandlers, RouteAssembler assembler) {
        List<LayerSettings> chain = assembler.appChain();
        for (Object handler : routeHandlers) {
            walk(handler, "/", chain, assembler);
        }
        return assembler.table();
    }

    private static void walk(Object handler, String prefix, List<LayerSettings> chain, RouteAssembler assembler) {
        switch (handler) {
            case Router router -> {
                List<LayerSettings> inner =
                        RouteAssembler.nest(chain, router.layer().layerSettings());
                for (Object child : router.routeHandlers()) {
                    walk(child, PathTemplate.join(prefix, router.path()), inner, assembler);
                }
            }
            case Controller controller -> {
                List<LayerSettings> inner =
                        RouteAssembler.nest(chain, controller.layer().layerSettings());
                String path = PathTemplate.join(prefix, controller.path());
                if (!assembler.addAnnotated(path, inner, controller)) {
                    throw new ImproperlyConfiguredException(
                            "Controller " + controller.getClass().getName()
                                    + " has no handler methods (annotate them with @Get, @Post, …, @WebSocket)");
                }
            }
            case Route route -> assembler.add(prefix, chain, definition(route));
            case WebSocketRoute route -> assembler.add(prefix, chain, definition(route));
            case Mount mount ->
                assembler.addMount(
                        PathTemplate.join(prefix, mount.path()),
                        mount.name(),
                        mount.application(),
                        RouteAssembler.nest(chain, mount.layerSettings()));
            case Class<?> type -> {
                if (!Controller.class.isAssignableFrom(type) && !RouteAssembler.declaresRoutes(type)) {
                    throw new ImproperlyConfiguredException(type.getName() + " is not a route handler: it is not a"
                            + " Controller and has no methods annotated with @Get, @Post, …, @WebSocket");
                }
                walk(Instantiation.create(type, "route handlers"), prefix, chain, assembler);
            }
            default -> {
                if (!assembler.addAnnotated(prefix, chain, handler)) {
                    throw new ImproperlyConfiguredException(handler.getClass().getName() + " is not a route handler:"
                            + " pass Routers, Controllers, Routes, or objects with methods annotated @Get, @Post, …");
                }
            }
        }
    }

    private static HandlerDefinition definition(Route route) {
        String name = route.name();
        CallableSpec callable = route.callable();
        return new HandlerDefinition(
                name != null ? name : callable.description(),
                name,
                List.of(route.path()),
                route.methods(),
                callable,
                route.status(),
                route.mediaType(),
                route.isNonBlocking(),
                route.layerSettings(),
                route.cache(),
                route.cacheKeyBuilder());
    }

    private static WebSocketDefinition definition(WebSocketRoute route) {
        CallableSpec callable = route.callable();
        return new WebSocketDefinition(
                route.name() != null ? route.name() : callable.description(),
                List.of(route.path()),
                route.isListener(),
                callable,
                route.onAcceptCallable(),
                route.onDisconnectCallable(),
                route.layerSettings(),
                route.streaming());
    }
}

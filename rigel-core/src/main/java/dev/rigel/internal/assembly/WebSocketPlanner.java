package dev.rigel.internal.assembly;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Response;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.binding.ParameterBinder;
import dev.rigel.internal.binding.RouteGuards;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.websocket.WebSocketParams;
import dev.rigel.internal.websocket.WebSocketRoutePlan;
import dev.rigel.protocol.Message;
import dev.rigel.response.ResponseContent;
import java.lang.reflect.Type;

/**
 * Turns a {@link WebSocketDefinition} into a {@link WebSocketRoutePlan} at startup: binds the
 * parameters of the handler (or of the listener's callbacks, which share one set of dependency
 * values) and checks what the route returns.
 */
final class WebSocketPlanner {

    private WebSocketPlanner() {}

    static WebSocketRoutePlan plan(
            PathTemplate template, WebSocketDefinition definition, MergedLayers layers, AppServices services) {
        String description = "WEBSOCKET " + template.template() + " (" + definition.name() + ")";
        WebSocketParams.Kind kind =
                definition.listener() ? WebSocketParams.Kind.LISTENER : WebSocketParams.Kind.HANDLER;
        ParameterBinder planner =
                new ParameterBinder(description, template, layers, services, new WebSocketParams(kind, services));
        CallableSpec main = definition.callable();
        WebSocketRoutePlan.Call handler = new WebSocketRoutePlan.Call(
                main, planner.bind(main, (definition.listener() ? "listener " : "handler ") + definition.name()));
        WebSocketRoutePlan.Call onAccept = callback(planner, definition.onAccept(), "onAccept", definition);
        WebSocketRoutePlan.Call onDisconnect = callback(planner, definition.onDisconnect(), "onDisconnect", definition);
        RouteGuards guards = RouteGuards.plan(layers.guards, planner);
        ObjectWriter replyWriter = null;
        if (definition.listener()) {
            replyWriter = replyWriter(description, main, services);
        } else if (!main.lambdaBody() && !returnsNothing(main.returnType())) {
            throw new ImproperlyConfiguredException(description + ": a @WebSocket handler returns nothing; it sends"
                    + " through its WebSocketConnection. " + main.description() + " returns "
                    + Types.describe(main.returnType()) + ", which would be dropped. Make it void, or use a"
                    + " @WebSocketListener, which sends back what it returns.");
        }
        return new WebSocketRoutePlan(
                template.template(),
                definition.name(),
                layers,
                definition.listener(),
                handler,
                onAccept,
                onDisconnect,
                planner.steps(),
                planner.slotCount(),
                replyWriter,
                guards,
                services);
    }

    private static WebSocketRoutePlan.Call callback(
            ParameterBinder planner, CallableSpec callable, String role, WebSocketDefinition definition) {
        if (callable == null) {
            return null;
        }
        return new WebSocketRoutePlan.Call(
                callable,
                planner.bind(
                        callable, role + " of listener " + definition.name() + " (" + callable.description() + ")"));
    }

    /** A writer for a listener's declared reply type, or null when the type is decided per reply. */
    private static ObjectWriter replyWriter(String route, CallableSpec onReceive, AppServices services) {
        Type declared = onReceive.returnType();
        Class<?> raw = Types.raw(declared);
        if (raw == Response.class || ResponseContent.class.isAssignableFrom(raw)) {
            throw new ImproperlyConfiguredException(route + ": a listener replies with a message (a String, a byte[]"
                    + " or a value sent as JSON), not an HTTP response; " + onReceive.description() + " returns "
                    + Types.describe(declared));
        }
        if (returnsNothing(declared)
                || raw == Object.class
                || raw == String.class
                || raw == byte[].class
                || raw == Message.WebSocketSend.class
                || raw.isPrimitive()) {
            return null;
        }
        return services.json().writer(declared);
    }

    private static boolean returnsNothing(Type type) {
        return type == void.class || type == Void.class;
    }
}

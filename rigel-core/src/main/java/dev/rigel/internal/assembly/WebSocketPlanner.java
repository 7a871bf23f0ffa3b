package dev.rigel.internal.assembly;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.dto.DTOCodec;
import dev.rigel.dto.DTODescription;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Response;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.binding.DTOBindings;
import dev.rigel.internal.binding.LayerParameters;
import dev.rigel.internal.binding.ParameterBinder;
import dev.rigel.internal.binding.RouteGuards;
import dev.rigel.internal.body.DTOResponseWriter;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.websocket.WebSocketParams;
import dev.rigel.internal.websocket.WebSocketReplies;
import dev.rigel.internal.websocket.WebSocketRoutePlan;
import dev.rigel.internal.websocket.WebSocketStreamer;
import dev.rigel.protocol.Message;
import dev.rigel.response.ResponseContent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.stream.BaseStream;

/**
 * Turns a {@link WebSocketDefinition} into a {@link WebSocketRoutePlan} at startup: binds the
 * parameters of the handler (or of the listener's callbacks, which share one set of dependency
 * values), checks what the route returns, and decides how what it sends is encoded (listener
 * replies, streamed elements; through the return DTO when one is in force).
 */
final class WebSocketPlanner {

    private WebSocketPlanner() {}

    static WebSocketRoutePlan plan(
            PathTemplate template, WebSocketDefinition definition, MergedLayers layers, AppServices services) {
        String description = "WEBSOCKET " + template.template() + " (" + definition.name() + ")";
        WebSocketParams.Kind kind =
                definition.listener() ? WebSocketParams.Kind.LISTENER : WebSocketParams.Kind.HANDLER;
        WebSocketParams params = new WebSocketParams(kind, services, layers);
        ParameterBinder planner = new ParameterBinder(description, template, layers, services, params);
        LayerParameters layerParameters = planner.layerParameters();
        CallableSpec main = definition.callable();
        String owner = (definition.listener() ? "listener " : "handler ") + definition.name();
        WebSocketRoutePlan.Call handler = new WebSocketRoutePlan.Call(main, planner.bind(main, owner));
        WebSocketRoutePlan.Call onAccept = callback(planner, definition.onAccept(), "onAccept", definition);
        WebSocketRoutePlan.Call onDisconnect = callback(planner, definition.onDisconnect(), "onDisconnect", definition);
        RouteGuards guards = RouteGuards.plan(layers.guards, planner);
        WebSocketReplies replies = null;
        WebSocketStreamer streamer = null;
        DTOCodec<?> returnDto = null;
        Type sent = streamedElement(definition, main);
        if (definition.listener()) {
            sent = main.returnType();
            checkReplyType(description, main, sent);
        } else if (sent == null && definition.streaming().configured()) {
            throw new ImproperlyConfiguredException(description + ": allowDataDiscard and interruptOnDisconnect are"
                    + " for handlers that return a stream (an Iterator, Iterable or Stream); "
                    + main.description() + " returns " + Types.describe(main.returnType()));
        } else if (sent == null && !main.lambdaBody() && !returnsNothing(main.returnType())) {
            throw new ImproperlyConfiguredException(description + ": a @WebSocket handler returns nothing, or a"
                    + " stream of messages (an Iterator, Iterable or Stream); otherwise it sends through its"
                    + " WebSocketConnection. " + main.description() + " returns "
                    + Types.describe(main.returnType()) + ", which would be dropped. Make it void, return a stream,"
                    + " or use a @WebSocketListener, which sends back what it returns.");
        }
        if (sent != null) {
            DTOCodec<?> dto = services.dto(layers.returnDto, description);
            DTOResponseWriter dtoWriter =
                    dto == null ? null : DTOBindings.responseWriter(sent, dto, description, owner);
            returnDto = dtoWriter == null ? null : dto;
            replies = new WebSocketReplies(services.json(), writer(sent, services), dtoWriter);
            if (!definition.listener()) {
                streamer = new WebSocketStreamer(
                        replies,
                        definition.streaming().allowDataDiscard(),
                        definition.streaming().interruptOnDisconnect());
            }
        }
        return new WebSocketRoutePlan(
                template.template(),
                definition.name(),
                layers,
                definition.listener(),
                layerParameters,
                handler,
                onAccept,
                onDisconnect,
                planner.steps(),
                planner.slotCount(),
                replies,
                streamer,
                guards,
                services,
                params.dataDto() == null ? null : params.dataDto().describe(DTODescription.Direction.INBOUND),
                returnDto == null ? null : returnDto.describe(DTODescription.Direction.OUTBOUND));
    }

    /**
     * The element type of a handler that streams (declared as a stream, or returning an Iterator,
     * Iterable or Stream), {@code Object} when erased; null for a handler that does not stream.
     */
    private static Type streamedElement(WebSocketDefinition definition, CallableSpec handler) {
        if (definition.listener()) {
            return null;
        }
        Type declared = handler.returnType();
        Class<?> raw = Types.raw(declared);
        boolean streams = Iterator.class.isAssignableFrom(raw)
                || Iterable.class.isAssignableFrom(raw)
                || BaseStream.class.isAssignableFrom(raw);
        if (!streams) {
            return definition.streaming().declared() ? Object.class : null;
        }
        Type element = BaseStream.class.isAssignableFrom(raw) && raw != java.util.stream.Stream.class
                ? Object.class // IntStream and the like: boxed values, written by class
                : Types.typeArgument(declared, 0);
        return element == null ? Object.class : element;
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

    /** Refuses a listener that returns an HTTP response: it replies with messages. */
    private static void checkReplyType(String route, CallableSpec onReceive, Type declared) {
        Class<?> raw = Types.raw(declared);
        if (raw == Response.class || ResponseContent.class.isAssignableFrom(raw)) {
            throw new ImproperlyConfiguredException(route + ": a listener replies with a message (a String, a byte[]"
                    + " or a value sent as JSON), not an HTTP response; " + onReceive.description() + " returns "
                    + Types.describe(declared));
        }
    }

    /** A writer for the declared type of what is sent, or null when the type is decided per value. */
    private static ObjectWriter writer(Type declared, AppServices services) {
        Class<?> raw = Types.raw(declared);
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

package dev.rigel.internal.binding;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.HttpConnection;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.websocket.WebSocketConnection;

/**
 * The binding rules that depend on the kind of route: what a connection parameter is, and what
 * {@code data} and {@code body} mean. {@link #HTTP} is an HTTP route's; WebSocket routes bring
 * their own.
 */
public interface ConnectionParameters {

    /** A connection type ({@code HttpConnection}, {@code WebSocketConnection}) bound for this kind of route, or null. */
    BoundParam reservedType(ParamSpec param, String route, String owner);

    /** A reserved name with a meaning of its own on this kind of route, or null for the usual rules. */
    BoundParam reservedName(ParamSpec param, String route, String owner);

    /** The kind of route these rules are for. */
    default dev.rigel.protocol.ScopeType scopeType() {
        return dev.rigel.protocol.ScopeType.HTTP;
    }

    /** On an HTTP route the connection is the request, and a WebSocket connection does not exist. */
    ConnectionParameters HTTP = new ConnectionParameters() {
        @Override
        public BoundParam reservedType(ParamSpec param, String route, String owner) {
            Class<?> type = param.rawType();
            if (type == WebSocketConnection.class) {
                throw new ImproperlyConfiguredException(route + ": parameter '" + param.name() + "' of " + owner
                        + " is a WebSocketConnection, which only WebSocket routes have (@WebSocket,"
                        + " @WebSocketListener, WebSocketRoute)");
            }
            if (type == HttpConnection.class) {
                return new BoundParam(exchange -> exchange, "connection", null);
            }
            return null;
        }

        @Override
        public BoundParam reservedName(ParamSpec param, String route, String owner) {
            return null;
        }
    };
}

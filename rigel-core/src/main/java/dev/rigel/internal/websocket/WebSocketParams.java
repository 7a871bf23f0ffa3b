package dev.rigel.internal.websocket;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.rigel.dto.DTOCodec;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.HttpConnection;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.binding.BoundParam;
import dev.rigel.internal.binding.ConnectionParameters;
import dev.rigel.internal.binding.DTOBindings;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.validation.BeanValidation;
import dev.rigel.websocket.WebSocketConnection;
import java.util.List;

/**
 * The binding rules that depend on whether a route is HTTP or WebSocket: a
 * {@link WebSocketConnection} parameter exists only on WebSocket routes, {@link HttpConnection}
 * is the request or the connection, and on a WebSocket route {@code data} is the message a
 * listener is called for (a handler has no request body at all), decoded through the route's
 * DTO when one is in force.
 */
public final class WebSocketParams implements ConnectionParameters {

    @Override
    public dev.rigel.protocol.ScopeType scopeType() {
        return dev.rigel.protocol.ScopeType.WEBSOCKET;
    }

    public enum Kind {
        HANDLER,
        LISTENER
    }

    /** A listener's message as the JSON a DTO decodes; validation errors name it WEBSOCKET. */
    private static final DTOBindings.DataSource MESSAGE = new DTOBindings.DataSource() {
        @Override
        public byte[] json(Exchange exchange) {
            return ((WebSocketRouteExchange) exchange).message.data();
        }

        @Override
        public String method(Exchange exchange) {
            return "WEBSOCKET";
        }
    };

    private final Kind kind;
    private final AppServices services;
    private final MergedLayers layers;
    private DTOCodec<?> dataDto;

    public WebSocketParams(Kind kind, AppServices services, MergedLayers layers) {
        this.kind = kind;
        this.services = services;
        this.layers = layers;
    }

    /** The DTO a listener's {@code data} is decoded through, or null (known once the listener is bound). */
    public DTOCodec<?> dataDto() {
        return dataDto;
    }

    /** Both connection types are the WebSocket connection; null when {@code param} is neither. */
    @Override
    public BoundParam reservedType(ParamSpec param, String route, String owner) {
        Class<?> type = param.rawType();
        if (type == WebSocketConnection.class || type == HttpConnection.class) {
            return new BoundParam(exchange -> ((WebSocketRouteExchange) exchange).session, "socket", null);
        }
        return null;
    }

    /**
     * {@code data} and {@code body} on a WebSocket route; null for every other name.
     */
    @Override
    public BoundParam reservedName(ParamSpec param, String route, String owner) {
        String name = param.name();
        if (!name.equals("data") && !name.equals("body")) {
            return null;
        }
        if (kind == Kind.LISTENER && name.equals("data")) {
            DTOCodec<?> dto = services.dto(layers.dto, route);
            if (dto != null) {
                // as for an HTTP body: the message is the JSON the route's DTO reads
                dataDto = dto;
                return DTOBindings.dataParam(param, dto, route, owner, MESSAGE);
            }
            return message(param);
        }
        throw new ImproperlyConfiguredException(route + ": parameter '" + name + "' of " + owner + " would be a"
                + " request body, and a WebSocket handshake has none. Receive messages from the WebSocketConnection,"
                + " or use a @WebSocketListener, whose 'data' parameter is each message.");
    }

    /** A listener's {@code data}: the current message as text, bytes, or decoded from JSON. */
    private BoundParam message(ParamSpec param) {
        Class<?> type = param.rawType();
        if (type == String.class) {
            return new BoundParam(
                    exchange -> WebSocketSession.text(((WebSocketRouteExchange) exchange).message), "data", "body");
        }
        if (type == byte[].class) {
            return new BoundParam(exchange -> ((WebSocketRouteExchange) exchange).message.data(), "data", "body");
        }
        ObjectReader reader = services.json().reader(param.type());
        boolean validate = BeanValidation.isConstrained(Types.raw(param.type()));
        return new BoundParam(
                exchange -> {
                    Object data = ((WebSocketRouteExchange) exchange)
                            .session.decodeJson(reader, ((WebSocketRouteExchange) exchange).message);
                    if (validate) {
                        List<ValidationError> errors = BeanValidation.validateBody(data, services.json()::propertyName);
                        if (!errors.isEmpty()) {
                            throw ValidationException.forRequest("WEBSOCKET", exchange.path(), errors);
                        }
                    }
                    return data;
                },
                "data",
                "body");
    }
}

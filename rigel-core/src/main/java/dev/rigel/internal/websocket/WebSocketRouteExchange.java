package dev.rigel.internal.websocket;

import dev.rigel.http.HandlerInfo;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.exchange.ExchangeServices;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;

/** The exchange of a WebSocket route: the request it began with, its connection, and the message in hand. */
final class WebSocketRouteExchange extends Exchange {

    /** The connection; set right after the exchange is made, before anything is bound. */
    WebSocketSession session;

    /** The message a listener is being called for; null outside a listener call. */
    Message.WebSocketReceive message;

    WebSocketRouteExchange(Scope scope, Receive receive, ExchangeServices services, HandlerInfo handler) {
        super(scope, receive, services, handler, 0);
    }
}

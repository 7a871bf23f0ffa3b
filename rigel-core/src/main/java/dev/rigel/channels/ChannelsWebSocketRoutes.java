package dev.rigel.channels;

import dev.rigel.WebSocketRoute;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.protocol.Message;
import dev.rigel.websocket.CloseCodes;
import dev.rigel.websocket.WebSocketConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The WebSocket routes a {@link ChannelsPlugin} adds when asked to: one connection is one
 * subscriber to one channel, whose events are pushed to the socket until either side leaves.
 */
final class ChannelsWebSocketRoutes {

    /** The path parameter naming the channel on the route for arbitrary channels. */
    public static final String CHANNEL_PARAM = "channel_name";

    private final ChannelsPlugin plugin;
    private final int sendHistory;
    private final boolean text;

    public ChannelsWebSocketRoutes(ChannelsPlugin plugin, int sendHistory, WsSendMode mode) {
        this.plugin = plugin;
        this.sendHistory = sendHistory;
        this.text = mode == WsSendMode.TEXT;
    }

    /**
     * With arbitrary channels one route {@code {base}/{channel_name:str}}; otherwise one route
     * {@code {base}/{name}} per configured channel, so the router refuses any other name (404)
     * before a handler runs.
     */
    public List<WebSocketRoute> routes(String basePath) {
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        List<WebSocketRoute> routes = new ArrayList<>();
        if (plugin.arbitraryChannelsAllowed()) {
            routes.add(route(
                    base + "/{" + CHANNEL_PARAM + ":str}",
                    socket -> String.valueOf(socket.pathParams().get(CHANNEL_PARAM))));
        } else {
            for (String channel : plugin.channels().stream().sorted().toList()) {
                routes.add(route(base + "/" + channel, socket -> channel));
            }
        }
        return routes;
    }

    private WebSocketRoute route(String path, Function<WebSocketConnection, String> channelOf) {
        return WebSocketRoute.handler(path, (WebSocketConnection socket) -> serve(socket, channelOf.apply(socket)))
                .name("channels:" + path);
    }

    /**
     * Subscribes before accepting, so a failure (unknown channel, backend down) refuses the
     * handshake with an HTTP error instead of accepting a socket that would never hear anything.
     */
    private void serve(WebSocketConnection socket, String channel) {
        if (!plugin.servesChannel(channel)) {
            throw new NotFoundException("Unknown channel '" + channel + "'");
        }
        Subscriber subscriber = plugin.subscribe(List.of(channel), sendHistory);
        try {
            socket.accept();
            subscriber.runInBackground(event -> push(socket, event));
            awaitClientLeaving(socket);
        } finally {
            // the client left (or the socket failed): leave the channel at once, not at shutdown
            subscriber.close();
        }
    }

    private void push(WebSocketConnection socket, ChannelEvent event) {
        try {
            socket.send(new Message.WebSocketSend(event.data(), text));
        } catch (WebSocketDisconnectException gone) {
            // the client left, which is no failure: the handler's receive sees it too and closes the
            // subscriber, which stops this worker; events until then have nowhere to go
        } catch (RuntimeException e) {
            // a socket that cannot take more is useless to its client: close it, which also ends the
            // handler's receive loop and so the subscription; the exception ends this worker
            socket.close(CloseCodes.INTERNAL_ERROR, "");
            throw e;
        }
    }

    /** What the client sends is ignored (the socket is for listening); returns once it is closed. */
    private static void awaitClientLeaving(WebSocketConnection socket) {
        try {
            while (true) {
                socket.receive();
            }
        } catch (WebSocketDisconnectException closed) {
            // the normal end
        }
    }
}

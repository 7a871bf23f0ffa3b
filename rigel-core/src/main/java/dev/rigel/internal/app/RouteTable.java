package dev.rigel.internal.app;

import dev.rigel.http.HandlerInfo;
import dev.rigel.internal.routing.RouteMatch;
import dev.rigel.internal.routing.RouteTrie;
import java.util.Collections;
import java.util.List;

/**
 * Every route of an app, as {@link RouteAssembler} left them: the trie that matches a request
 * path to its {@link Endpoint} (the plans of one path, by method, and its WebSocket route), and
 * the routes in the order they were declared. Not changed after the app is built.
 */
public final class RouteTable {

    private final RouteTrie<Endpoint> trie;
    private final List<HandlerInfo> routes;

    private final List<dev.rigel.protocol.Lifespan> mounted;

    public RouteTable(RouteTrie<Endpoint> trie, List<HandlerInfo> routes, List<dev.rigel.protocol.Lifespan> mounted) {
        this.trie = trie;
        this.routes = Collections.unmodifiableList(List.copyOf(routes));
        this.mounted = List.copyOf(mounted);
    }

    /** The mounted applications that have a lifespan, in declaration order. */
    public List<dev.rigel.protocol.Lifespan> mounted() {
        return mounted;
    }

    /** The endpoint whose path template matches {@code rawPath}, with the path values; or null. */
    RouteMatch<Endpoint> match(String rawPath) {
        return trie.match(rawPath);
    }

    /** Every route handler, with its full path template and merged metadata. */
    public List<HandlerInfo> routes() {
        return routes;
    }
}

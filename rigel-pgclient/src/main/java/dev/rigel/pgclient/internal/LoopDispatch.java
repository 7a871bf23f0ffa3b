package dev.rigel.pgclient.internal;

import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import io.vertx.core.internal.ContextInternal;

/**
 * Runs a request served on an event loop inside that loop's Vert.x context ({@link LoopClients}),
 * so the queries its handler sends bind to the loop's own client and their results complete on the
 * loop. Elsewhere (virtual threads, tests) it passes the request on untouched. Never blocks.
 */
public final class LoopDispatch implements Middleware {

    private final LoopClients loops;

    public LoopDispatch(LoopClients loops) {
        this.loops = loops;
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            ContextInternal context = loops.context();
            if (context == null) {
                next.call(scope, receive, send);
                return;
            }
            ContextInternal previous = context.beginDispatch();
            try {
                next.call(scope, receive, send);
            } finally {
                context.endDispatch(previous);
            }
        };
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public String toString() {
        return "PgClientPlugin's event-loop dispatch";
    }
}

package dev.rigel.cli.internal;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;

/**
 * The application the server serves under {@code run --reload}: it forwards each call to the
 * current app, which a reload replaces while the server (and its port) stays. A request already in
 * the old app finishes there.
 */
final class SwappableApplication implements Application, Lifespan {

    private volatile Application current;

    SwappableApplication(Application first) {
        this.current = first;
    }

    /** Starts {@code next}, serves it from now on, and shuts the previous one down. */
    void swap(Application next) {
        if (next instanceof Lifespan lifespan) {
            lifespan.startup();
        }
        Application previous = current;
        current = next;
        if (previous instanceof Lifespan lifespan) {
            lifespan.shutdown();
        }
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        current.call(scope, receive, send);
    }

    @Override
    public boolean runsInline(Scope scope) {
        return current.runsInline(scope);
    }

    @Override
    public void startup() {
        if (current instanceof Lifespan lifespan) {
            lifespan.startup();
        }
    }

    @Override
    public void shutdown() {
        if (current instanceof Lifespan lifespan) {
            lifespan.shutdown();
        }
    }
}

package dev.rigel.internal.app;

import dev.rigel.http.Hooks;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.util.List;

/** The app's before-send hooks around the server's {@link Send}, outside everything else. */
final class BeforeSendHooks {

    private final Hooks.BeforeSend[] hooks;

    BeforeSendHooks(List<Hooks.BeforeSend> hooks) {
        this.hooks = hooks.toArray(Hooks.BeforeSend[]::new);
    }

    Send wrap(Scope scope, Send send) {
        return message -> {
            Message current = message;
            for (Hooks.BeforeSend hook : hooks) {
                current = hook.apply(current, scope);
                if (current == null) {
                    throw new IllegalStateException("A beforeSend hook returned no message for " + message);
                }
            }
            send.send(current);
        };
    }
}

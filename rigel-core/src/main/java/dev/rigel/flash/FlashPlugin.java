package dev.rigel.flash;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.middleware.Middleware;
import dev.rigel.middleware.session.SessionMiddleware;
import java.util.stream.Stream;

/**
 * Flash messages for an app (Litestar's {@code FlashPlugin}): registering it makes the app's build
 * fail, saying what to configure, when the app has no sessions to keep the messages in, rather
 * than the first {@link Flash#add} failing a request. Sessions count when they are on the app:
 * {@code sessions(…)} or a {@link SessionMiddleware} among the app's middleware.
 *
 * <pre>{@code
 * App.builder()
 *     .sessions(ClientSideSessionConfig.of(secret))
 *     .plugins(new FlashPlugin(), PebbleTemplates.classpath("templates"))
 * }</pre>
 */
public final class FlashPlugin implements InitPlugin {

    @Override
    public void onAppInit(App.Builder app) {
        boolean sessions = Stream.concat(app.builtInMiddleware().stream(), app.middleware().stream())
                .anyMatch(FlashPlugin::isSessions);
        if (!sessions) {
            throw new ImproperlyConfiguredException("Flash messages are kept in the session, but the app has no"
                    + " sessions: configure App.builder().sessions(ClientSideSessionConfig…) or"
                    + " sessions(ServerSideSessionConfig…) on the app");
        }
    }

    private static boolean isSessions(Middleware middleware) {
        return middleware instanceof SessionMiddleware;
    }

    @Override
    public String toString() {
        return "FlashPlugin";
    }
}

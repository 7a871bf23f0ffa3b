package ${package};

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;

/** Builds the app from its settings: what {@link Main} serves and the tests call. */
public final class WebApp {

    private WebApp() {}

    public static App create(Settings settings) {
        Notes notes = new Notes(settings.maxNotes());
        return App.builder()
                .routeHandlers(Route.get("/", () -> settings.greeting()), new NoteController())
                .dependency("notes", Provide.value(notes))
                .build();
    }
}

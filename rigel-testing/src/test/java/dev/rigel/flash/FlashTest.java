package dev.rigel.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Request;
import dev.rigel.middleware.session.ServerSideSessionConfig;
import dev.rigel.middleware.session.Session;
import dev.rigel.middleware.session.SessionMiddleware;
import dev.rigel.response.Redirect;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flash messages in the session: added before a redirect, read once, and the plugin's startup check. */
class FlashTest {

    private static App.Builder app() {
        return App.builder()
                .sessions(ServerSideSessionConfig.defaults())
                .plugins(new FlashPlugin())
                .routeHandlers(
                        Route.post("/save", (Request request) -> {
                            Flash.add(request, "Saved", "success");
                            Flash.add(request, "Check your e-mail", "info");
                            return Redirect.to("/next");
                        }),
                        Route.post("/session", (Session session) -> {
                            Flash.add(session, "From the session", "warning");
                            return "ok";
                        }),
                        Route.post("/junk", (Session session) -> {
                            // what a tampered or older store could hold: only well-formed entries count
                            session.put(Flash.SESSION_KEY, List.of(Map.of("message", 3), "x", Map.of()));
                            Flash.add(session, "Fine", "info");
                            return "ok";
                        }),
                        Route.get("/peek", (Request request) -> Flash.peek(request)),
                        Route.get("/next", (Request request) -> Flash.take(request)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void messagesSurviveTheRedirectAndAreReadOnce(Transport transport) {
        try (TestClient client = Clients.open(app().build(), transport)) {
            TestResponse saved = client.post("/save", null);
            assertThat(saved.status()).isEqualTo(302);
            assertThat(client.get("/peek").jsonList()).hasSize(2);
            assertThat(client.get("/next").jsonList())
                    .containsExactly(
                            Map.of("message", "Saved", "category", "success"),
                            Map.of("message", "Check your e-mail", "category", "info"));
            assertThat(client.get("/next").jsonList()).isEmpty();

            client.post("/session", null);
            assertThat(client.get("/next").jsonList())
                    .containsExactly(Map.of("message", "From the session", "category", "warning"));

            client.post("/junk", null);
            assertThat(client.get("/next").jsonList()).containsExactly(Map.of("message", "Fine", "category", "info"));
        }
    }

    @Test
    void withoutSessionsThePluginFailsTheBuildAndReadingFindsNothing() {
        assertThatThrownBy(() -> App.builder().plugins(new FlashPlugin()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Flash messages are kept in the session, but the app has no sessions");

        try (TestClient client = TestClient.of(App.builder()
                .routeHandlers(Route.get("/next", (Request request) -> Flash.take(request)))
                .build())) {
            assertThat(client.get("/next").jsonList()).isEmpty();
        }
    }

    @Test
    void sessionMiddlewareAddedByHandAlsoCounts() {
        App app = App.builder()
                .middleware(
                        new SessionMiddleware(ServerSideSessionConfig.defaults(), dev.rigel.stores.StoreRegistry::new))
                .plugins(new FlashPlugin())
                .build();
        assertThat(app.plugins().get(FlashPlugin.class)).isNotNull();
    }

    @Test
    void aMessageNeedsTextAndACategory() {
        assertThatThrownBy(() -> new FlashMessage(null, "info")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FlashMessage("x", null)).isInstanceOf(NullPointerException.class);
    }
}

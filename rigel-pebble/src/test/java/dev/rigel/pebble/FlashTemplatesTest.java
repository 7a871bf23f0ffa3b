package dev.rigel.pebble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.flash.Flash;
import dev.rigel.flash.FlashPlugin;
import dev.rigel.http.Request;
import dev.rigel.middleware.session.ClientSideSessionConfig;
import dev.rigel.response.Redirect;
import dev.rigel.response.Template;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code get_flashes()} in Pebble templates: the session's flash messages, escaped, shown once. */
class FlashTemplatesTest {

    private static App app() {
        return App.builder()
                .sessions(ClientSideSessionConfig.of(
                        "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .plugins(new FlashPlugin(), PebbleTemplates.classpath("templates"))
                .routeHandlers(
                        Route.post("/save", (Request request) -> {
                            Flash.add(request, "Saved <b>it</b>", "success");
                            return Redirect.to("/page");
                        }),
                        Route.get("/page", () -> Template.of("flashes.html")))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTemplateShowsTheMessagesOnceEscaped(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.post("/save", null).status()).isEqualTo(302);
            assertThat(client.get("/page").text().strip())
                    .isEqualTo("<p class=\"success\">Saved &lt;b&gt;it&lt;/b&gt;</p>");
            assertThat(client.get("/page").text().strip()).isEmpty();
        }
    }

    @Test
    void withoutSessionsTheFunctionFindsNothing() {
        App app = App.builder()
                .plugins(PebbleTemplates.classpath("templates"))
                .routeHandlers(
                        Route.get("/page", () -> Template.fromString("[{% for m in get_flashes() %}x{% endfor %}]")))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/page").text()).isEqualTo("[]");
        }
    }
}

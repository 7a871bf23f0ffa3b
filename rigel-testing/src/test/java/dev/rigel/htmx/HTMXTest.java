package dev.rigel.htmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** htmx request details as a handler parameter and htmx response headers, over both transports. */
class HTMXTest {

    public static class Pages {
        @Get("/details")
        public Map<String, Object> details(HTMXDetails htmx) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("htmx", htmx.isHtmx());
            seen.put("boosted", htmx.boosted());
            seen.put("currentUrl", htmx.currentUrl().orElse(null));
            seen.put("currentUrlAbsPath", htmx.currentUrlAbsPath().orElse(null));
            seen.put("historyRestore", htmx.historyRestoreRequest());
            seen.put("prompt", htmx.prompt().orElse(null));
            seen.put("target", htmx.target().orElse(null));
            seen.put("trigger", htmx.trigger().orElse(null));
            seen.put("triggerName", htmx.triggerName().orElse(null));
            seen.put("event", htmx.triggeringEvent().orElse(null));
            return seen;
        }

        /** The origin the server sees, as the browser's URL would start. */
        @Get("/origin")
        public String origin(Request request) {
            return request.scope().scheme() + "://" + request.headers().get("host");
        }

        /** A page or, for htmx, only its rows. */
        @Get("/contacts")
        public String contacts(Request request) {
            return HTMXDetails.of(request).isHtmx() ? "<tr>rows</tr>" : "<html>page</html>";
        }

        @Post("/contacts")
        public Response<String> add() {
            return HTMXResponse.of("<tr>new</tr>")
                    .status(201)
                    .pushUrl("/contacts/7")
                    .retarget("#contacts")
                    .reswap(HXSwap.BEFORE_END)
                    .trigger("contactAdded", Map.of("id", 7))
                    .trigger("flash", null, HTMXResponse.Timing.AFTER_SETTLE)
                    .toResponse();
        }

        @Post("/logout")
        public Response<Void> logout() {
            return HTMXResponse.clientRedirect("/login");
        }

        @Get("/job")
        public Response<String> job() {
            return HTMXResponse.of("<p>done</p>").stopPollingAfter().toResponse();
        }

        @Get("/poll")
        public Response<Void> poll() {
            return HTMXResponse.stopPolling();
        }

        @Get("/go")
        public Response<Void> go() {
            return HTMXResponse.location(HXLocation.of("/contacts").target("#main"));
        }
    }

    private static App app() {
        return App.builder().routeHandlers(new Pages()).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerReadsHtmxsHeadersAsTypedDetails(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String origin = client.get("/origin").text();
            TestResponse response = client.request("GET", "/details")
                    .header("HX-Request", "true")
                    .header("HX-Boosted", "true")
                    .header("HX-Current-URL", origin + "/contacts?page=2#top")
                    .header("HX-History-Restore-Request", "false")
                    .header("HX-Prompt", "caf%C3%A9")
                    .header("HX-Prompt-URI-AutoEncoded", "true")
                    .header("HX-Target", "contacts")
                    .header("HX-Trigger", "load-more")
                    .header("HX-Trigger-Name", "more")
                    .header("HX-Triggering-Event", "{\"type\":\"click\",\"detail\":1}")
                    .send();
            assertThat(response.status()).isEqualTo(200);
            Map<String, Object> seen = response.jsonMap();
            assertThat(seen)
                    .containsEntry("htmx", true)
                    .containsEntry("boosted", true)
                    .containsEntry("currentUrl", origin + "/contacts?page=2#top")
                    .containsEntry("currentUrlAbsPath", "/contacts?page=2#top")
                    .containsEntry("historyRestore", false)
                    .containsEntry("prompt", "café")
                    .containsEntry("target", "contacts")
                    .containsEntry("trigger", "load-more")
                    .containsEntry("triggerName", "more")
                    .containsEntry("event", Map.of("type", "click", "detail", 1));

            Map<String, Object> otherOrigin = client.request("GET", "/details")
                    .header("HX-Request", "true")
                    .header("HX-Current-URL", "https://elsewhere.example/x")
                    .send()
                    .jsonMap();
            assertThat(otherOrigin).containsEntry("currentUrlAbsPath", null);

            Map<String, Object> plain = client.get("/details").jsonMap();
            assertThat(plain).containsEntry("htmx", false).containsEntry("target", null);

            assertThat(client.get("/contacts").text()).isEqualTo("<html>page</html>");
            assertThat(client.request("GET", "/contacts")
                            .header("HX-Request", "true")
                            .send()
                            .text())
                    .isEqualTo("<tr>rows</tr>");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedHtmxHeadersAreTheClientsError(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse badEncoding = client.request("GET", "/details")
                    .header("HX-Request", "true")
                    .header("HX-Target", "%E2%28")
                    .header("HX-Target-URI-AutoEncoded", "true")
                    .send();
            assertThat(badEncoding.status()).isEqualTo(400);
            assertThat(badEncoding.jsonMap().get("detail").toString()).contains("Invalid HX-Target header");

            TestResponse badEvent = client.request("GET", "/details")
                    .header("HX-Request", "true")
                    .header("HX-Triggering-Event", "[not json")
                    .send();
            assertThat(badEvent.status()).isEqualTo(400);
            assertThat(badEvent.jsonMap().get("detail").toString()).contains("HX-Triggering-Event");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responsesCarryHtmxsHeadersAndStatuses(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse added = client.post("/contacts", null);
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.text()).isEqualTo("<tr>new</tr>");
            assertThat(added.header("hx-push-url")).isEqualTo("/contacts/7");
            assertThat(added.header("hx-retarget")).isEqualTo("#contacts");
            assertThat(added.header("hx-reswap")).isEqualTo("beforeend");
            assertThat(added.header("hx-trigger")).isEqualTo("{\"contactAdded\":{\"id\":7}}");
            assertThat(added.header("hx-trigger-after-settle")).isEqualTo("flash");

            TestResponse logout = client.post("/logout", null);
            assertThat(logout.status()).isEqualTo(200);
            assertThat(logout.header("hx-redirect")).isEqualTo("/login");
            assertThat(logout.text()).isEmpty();

            TestResponse job = client.get("/job");
            assertThat(job.status()).isEqualTo(286);
            assertThat(job.text()).isEqualTo("<p>done</p>");
            assertThat(client.get("/poll").status()).isEqualTo(286);

            assertThat(client.get("/go").header("hx-location"))
                    .isEqualTo("{\"path\":\"/contacts\",\"target\":\"#main\"}");
        }
    }

    @Test
    void liveServerAnswersStopPollingWithItsOwnStatus() {
        try (TestClient client = TestClient.live(app())) {
            assertThat(client.get("/poll").status()).isEqualTo(286);
        }
    }
}

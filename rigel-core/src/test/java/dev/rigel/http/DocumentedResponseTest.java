package dev.rigel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentedResponseTest {

    record Conflict(String reason) {}

    @Test
    void statusesOutside100To599AreRefused() {
        assertThatThrownBy(() -> DocumentedResponse.of(99, "?")).hasMessageContaining("got 99");
        assertThatThrownBy(() -> DocumentedResponse.of(600, "?")).hasMessageContaining("got 600");
        assertThat(DocumentedResponse.of(599, "edge").status()).isEqualTo(599);
    }

    @Test
    void voidMeansNoBodyAndExamplesNeedOne() {
        assertThat(DocumentedResponse.of(204, Void.class, "gone").type()).isNull();
        assertThatThrownBy(() -> DocumentedResponse.of(202, "queued").example("{}"))
                .hasMessageContaining("no body type");
    }

    @Test
    void copiesAddHeadersExamplesAndAMediaType() {
        DocumentedResponse base = DocumentedResponse.of(409, Conflict.class, "taken");
        DocumentedResponse full = base.header("Retry-After", "seconds", Integer.class)
                .example("{\"reason\": \"taken\"}")
                .mediaType("application/problem+json");
        assertThat(base.headers()).isEmpty();
        assertThat(base.mediaType()).isEqualTo(DocumentedResponse.DEFAULT_MEDIA_TYPE);
        assertThat(full.headers())
                .containsExactly(new DocumentedResponse.Header("Retry-After", "seconds", Integer.class));
        assertThat(full.examples()).containsExactly("{\"reason\": \"taken\"}");
        assertThat(full.mediaType()).isEqualTo("application/problem+json");
        assertThatThrownBy(() -> base.header("Bad Name", "", String.class)).hasMessageContaining("not a header name");
    }

    @Test
    void layersMergeByStatusTheClosestWinning() {
        App app = App.builder()
                .response(429, null, "app says slow down")
                .response(503, null, "app is down")
                .routeHandlers(Router.builder("/api")
                        .response(429, Conflict.class, "router says slow down")
                        .routeHandlers(
                                Route.get("/a", () -> "a").response(503, null, "route is down"),
                                Route.get("/b", () -> "b").mediaType("text/csv"))
                        .build())
                .build();
        HandlerInfo a = route(app, "/api/a");
        assertThat(a.documentedResponses())
                .extracting(DocumentedResponse::description)
                .containsExactly("router says slow down", "route is down");
        assertThat(a.mediaType()).isEmpty();
        HandlerInfo b = route(app, "/api/b");
        assertThat(b.documentedResponses())
                .extracting(DocumentedResponse::description)
                .containsExactly("router says slow down", "app is down");
        assertThat(b.mediaType()).contains("text/csv");
    }

    @Test
    void aResponseFiledUnderAnotherStatusThroughTheLiveMapFailsTheBuild() {
        Route route = Route.get("/a", () -> "a");
        route.responses().put(404, DocumentedResponse.of(409, "conflict"));
        assertThatThrownBy(() -> App.builder().routeHandlers(route).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("under status 404");
    }

    private static HandlerInfo route(App app, String path) {
        List<HandlerInfo> found = app.routes().stream()
                .filter(route -> route.pathTemplate().equals(path))
                .toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}

package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Response;
import dev.rigel.response.FileResponse;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.Stream;
import dev.rigel.response.Template;
import dev.rigel.template.TemplateEngine;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A route's declared media type is the Content-Type of its files, streams, events and templates
 * too, unless the returned value (or its {@code Response}) picks one; without a declaration each
 * kind keeps its own default.
 */
class RouteMediaTypeTest {

    @TempDir
    Path dir;

    static final class Echo implements TemplateEngine {
        @Override
        public String render(String name, Map<String, Object> context) {
            return name;
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theRoutesTypeBeatsTheDefaultButNotTheValuesChoice(Transport transport) throws Exception {
        Path photo = Files.write(dir.resolve("photo.png"), new byte[] {1, 2, 3});
        App app = App.builder()
                .plugins(new Echo())
                .routeHandlers(
                        Route.get("/file", () -> FileResponse.of(photo)),
                        Route.get("/file-declared", () -> FileResponse.of(photo))
                                .mediaType("image/x-raw"),
                        Route.get("/file-own", () -> FileResponse.of(photo).mediaType("image/webp"))
                                .mediaType("image/x-raw"),
                        Route.get(
                                        "/file-response",
                                        () -> Response.of(FileResponse.of(photo))
                                                .mediaType("image/gif"))
                                .mediaType("image/x-raw"),
                        Route.get("/lines", () -> Stream.of(List.of("a"))),
                        Route.get("/lines-declared", () -> Stream.of(List.of("a")))
                                .mediaType("text/csv"),
                        Route.get("/lines-own", () -> Stream.of(List.of("a")).mediaType("text/tab-separated-values"))
                                .mediaType("text/csv"),
                        Route.get("/octets", () -> Stream.of(new ByteArrayInputStream(new byte[] {1}))),
                        Route.get("/octets-declared", () -> Stream.of(new ByteArrayInputStream(new byte[] {1})))
                                .mediaType("application/pdf"),
                        Route.get("/page", () -> Template.of("page.html")),
                        Route.get("/page-declared", () -> Template.of("feed.html"))
                                .mediaType("application/atom+xml"),
                        Route.get("/page-own", () -> Template.of("feed.html").mediaType("application/rss+xml"))
                                .mediaType("application/atom+xml"),
                        Route.get("/events", () -> ServerSentEvent.of(List.of("tick"))),
                        Route.get("/events-declared", () -> ServerSentEvent.of(List.of("tick")))
                                .mediaType("text/event-stream; charset=utf-8"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/file").header("content-type")).isEqualTo("image/png");
            assertThat(client.get("/file-declared").header("content-type")).isEqualTo("image/x-raw");
            assertThat(client.get("/file-own").header("content-type")).isEqualTo("image/webp");
            assertThat(client.get("/file-response").header("content-type")).isEqualTo("image/gif");
            assertThat(client.get("/lines").header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(client.get("/lines-declared").header("content-type")).isEqualTo("text/csv");
            assertThat(client.get("/lines-own").header("content-type")).isEqualTo("text/tab-separated-values");
            assertThat(client.get("/octets").header("content-type")).isEqualTo("application/octet-stream");
            assertThat(client.get("/octets-declared").header("content-type")).isEqualTo("application/pdf");
            assertThat(client.get("/page").header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(client.get("/page-declared").header("content-type")).isEqualTo("application/atom+xml");
            assertThat(client.get("/page-own").header("content-type")).isEqualTo("application/rss+xml");
            assertThat(client.get("/events").header("content-type")).isEqualTo("text/event-stream");
            assertThat(client.get("/events-declared").header("content-type"))
                    .isEqualTo("text/event-stream; charset=utf-8");
        }
    }
}

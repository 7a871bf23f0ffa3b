package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.ResponseSpec;
import dev.rigel.exceptions.ConflictException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.DocumentedResponse;
import dev.rigel.response.FileResponse;
import dev.rigel.response.Redirect;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.Stream;
import dev.rigel.response.Template;
import dev.rigel.template.TemplateEngine;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Declared responses (layers, {@code @ResponseSpec}, {@code Route.response}) and the media types of
 * files, streams, events, templates, text, octets and redirects: in the document, and as the app
 * sends them, in process and over the real server.
 */
class ResponseContentTest {

    @TempDir
    static Path files;

    static Path report;
    static Path photo;

    public record Conflict(String name, String reason) {}

    public record Pet(String name) {}

    public record Limited(int retryAfter) {}

    /** Renders a template as its name and context, enough to see which Content-Type it is sent with. */
    static final class NamesOnly implements TemplateEngine {
        @Override
        public String render(String name, Map<String, Object> context) {
            return "<p>" + name + "</p>";
        }
    }

    public static final class Pets extends Controller {
        public Pets() {
            super("/pets");
        }

        @Post
        @ResponseSpec(
                status = 409,
                type = Conflict.class,
                description = "A pet of that name exists",
                headers =
                        @ResponseSpec.Header(
                                name = "Retry-After",
                                description = "Seconds to wait",
                                type = Integer.class),
                examples = "{\"name\": \"Rex\", \"reason\": \"taken\"}")
        @ResponseSpec(status = 202, description = "Queued for review")
        public Pet create(Pet data) throws ConflictException {
            return data;
        }

        @Get("/{name:str}")
        @ResponseSpec(
                status = 404,
                type = Conflict.class,
                examples = {"{\"name\": \"Rex\", \"reason\": \"gone\"}", "{\"name\": \"Ada\", \"reason\": \"never\"}"})
        @ResponseSpec(status = 429, description = "Slow down, this handler says")
        public Pet find(String name) {
            return new Pet(name);
        }
    }

    static App app() {
        return App.builder()
                .plugins(new NamesOnly())
                .routeHandlers(Router.builder("/api")
                        // every route under /api documents a 429; a closer declaration wins
                        .response(DocumentedResponse.of(429, Limited.class, "Too many requests")
                                .header("Retry-After", "Seconds to wait", Integer.class))
                        .routeHandlers(
                                Pets.class,
                                Route.get("/report", () -> FileResponse.of(report)),
                                Route.get("/report.csv", () -> FileResponse.of(report))
                                        .mediaType("text/csv"),
                                Route.get("/photo", () -> FileResponse.of(photo)),
                                Route.get("/lines", () -> Stream.of(List.of("a", "b")))
                                        .mediaType("application/x-ndjson"),
                                Route.get("/bytes", () -> Stream.of(new ByteArrayInputStream(new byte[] {1})))
                                        .mediaType("application/pdf"),
                                Route.get("/text-stream", () -> Stream.of(List.of("a"))),
                                Route.get("/events", () -> ServerSentEvent.of(List.of("tick"))),
                                Route.get("/page", () -> Template.of("page.html")),
                                Route.get("/feed", () -> Template.of("feed.html"))
                                        .mediaType("application/atom+xml"),
                                Route.get("/raw", () -> new byte[] {1, 2}).mediaType("image/png"),
                                Route.get("/csv", () -> "a,b").mediaType("text/csv"),
                                Route.get("/away", () -> Redirect.to("/api/page")),
                                Route.get("/vnd", () -> new Pet("Rex")).mediaType("application/vnd.pet+json"),
                                Route.post("/adopt", () -> new Pet("Rex"))
                                        .response(409, Conflict.class, "Already adopted")
                                        .response(DocumentedResponse.of(201, "Adopted, nothing to say")))
                        .build())
                .build();
    }

    static JsonNode doc;

    @BeforeAll
    static void generate() throws Exception {
        report = Files.writeString(files.resolve("report.bin"), "a,b\n1,2\n");
        photo = Files.write(files.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        doc = OpenAPIGenerator.generate(
                app(), OpenAPIConfig.builder("Responses", "1.0.0").build());
    }

    private static JsonNode responses(String path, String method) {
        JsonNode responses = doc.path("paths").path(path).path(method).path("responses");
        assertThat(responses.isMissingNode()).as(method + " " + path).isFalse();
        return responses;
    }

    private static List<String> mediaTypes(JsonNode response) {
        List<String> types = new java.util.ArrayList<>();
        response.path("content").fieldNames().forEachRemaining(types::add);
        return types;
    }

    @Test
    void anAnnotatedResponseHasItsSchemaReferenceHeadersAndExample() {
        JsonNode conflict = responses("/api/pets", "post").path("409");
        assertThat(conflict.path("description").asText()).isEqualTo("A pet of that name exists");
        assertThat(conflict.at("/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Conflict");
        assertThat(conflict.at("/content/application~1json/example/reason").asText())
                .isEqualTo("taken");
        assertThat(conflict.at("/headers/Retry-After/description").asText()).isEqualTo("Seconds to wait");
        assertThat(conflict.at("/headers/Retry-After/schema/type").asText()).isEqualTo("integer");
        assertThat(doc.at("/components/schemas/Conflict/properties/reason").toString())
                .contains("string");
    }

    @Test
    void aDeclaredResponseReplacesTheGeneratedOneOfItsStatus() {
        // the throws clause alone documents 409 with the error body; the declaration wins
        JsonNode conflict = responses("/api/pets", "post").path("409");
        assertThat(conflict.at("/content/application~1json/schema/$ref").asText())
                .doesNotEndWith("ErrorResponse");
        // the success status of a lambda route, replaced by a response without a body
        JsonNode created = responses("/api/adopt", "post").path("201");
        assertThat(created.path("description").asText()).isEqualTo("Adopted, nothing to say");
        assertThat(created.has("content")).isFalse();
        assertThat(responses("/api/adopt", "post")
                        .at("/409/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Conflict");
    }

    @Test
    void aResponseWithoutTypeHasNoContentAndAStatusReasonWhenUndescribed() {
        JsonNode queued = responses("/api/pets", "post").path("202");
        assertThat(queued.path("description").asText()).isEqualTo("Queued for review");
        assertThat(queued.has("content")).isFalse();
        JsonNode missing = responses("/api/pets/{name}", "get").path("404");
        assertThat(missing.path("description").asText()).isEqualTo("Not Found");
        assertThat(missing.at("/content/application~1json/examples/example2/value/name")
                        .asText())
                .isEqualTo("Ada");
    }

    @Test
    void aLayersResponseIsOnEveryRouteUnderItAndACloserOneWins() {
        for (String path : List.of("/api/report", "/api/events", "/api/adopt")) {
            JsonNode limited = doc.path("paths")
                    .path(path)
                    .elements()
                    .next()
                    .path("responses")
                    .path("429");
            assertThat(limited.path("description").asText()).as(path).isEqualTo("Too many requests");
            assertThat(limited.at("/content/application~1json/schema/$ref").asText())
                    .isEqualTo("#/components/schemas/Limited");
            assertThat(limited.at("/headers/Retry-After/schema/type").asText()).isEqualTo("integer");
        }
        JsonNode own = responses("/api/pets/{name}", "get").path("429");
        assertThat(own.path("description").asText()).isEqualTo("Slow down, this handler says");
        assertThat(own.has("content")).isFalse();
    }

    @Test
    void filesAreBinaryUnderOctetsOrTheDeclaredTypeWithTheirHeaders() {
        JsonNode file = responses("/api/report", "get").path("200");
        assertThat(mediaTypes(file)).containsExactly("application/octet-stream");
        JsonNode schema = file.at("/content/application~1octet-stream/schema");
        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.path("contentMediaType").asText()).isEqualTo("application/octet-stream");
        assertThat(schema.has("contentEncoding")).isFalse();
        assertThat(file.path("headers").has("content-disposition")).isTrue();
        assertThat(file.path("headers").has("etag")).isTrue();
        assertThat(file.path("headers").has("last-modified")).isTrue();
        JsonNode csv = responses("/api/report.csv", "get").path("200");
        assertThat(mediaTypes(csv)).containsExactly("text/csv");
        assertThat(csv.at("/content/text~1csv/schema/contentMediaType").asText())
                .isEqualTo("text/csv");
    }

    @Test
    void streamsEventsTemplatesTextAndOctetsUseTheirMediaTypes() {
        assertThat(mediaTypes(responses("/api/lines", "get").path("200"))).containsExactly("application/x-ndjson");
        assertThat(mediaTypes(responses("/api/bytes", "get").path("200"))).containsExactly("application/pdf");
        assertThat(mediaTypes(responses("/api/text-stream", "get").path("200")))
                .containsExactly("text/plain", "application/octet-stream");
        assertThat(mediaTypes(responses("/api/events", "get").path("200"))).containsExactly("text/event-stream");
        assertThat(mediaTypes(responses("/api/page", "get").path("200"))).containsExactly("text/html");
        assertThat(mediaTypes(responses("/api/feed", "get").path("200"))).containsExactly("application/atom+xml");
        JsonNode raw = responses("/api/raw", "get").path("200");
        assertThat(mediaTypes(raw)).containsExactly("image/png");
        assertThat(raw.at("/content/image~1png/schema/contentMediaType").asText())
                .isEqualTo("image/png");
        assertThat(mediaTypes(responses("/api/csv", "get").path("200"))).containsExactly("text/csv");
        JsonNode vnd = responses("/api/vnd", "get").path("200");
        assertThat(mediaTypes(vnd)).containsExactly("application/vnd.pet+json");
        assertThat(vnd.at("/content/application~1vnd.pet+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Pet");
    }

    @Test
    void aRedirectIsA302WithALocationHeaderAndNoContent() {
        JsonNode redirect = responses("/api/away", "get");
        assertThat(redirect.has("200")).isFalse();
        assertThat(redirect.at("/302/headers/location/schema/type").asText()).isEqualTo("string");
        assertThat(redirect.path("302").has("content")).isFalse();
    }

    /** What the app sends matches the document: each route's Content-Type is one of its documented types. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theContentTypeSentIsTheDocumentedOne(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport)) {
            JsonNode served = client.get("/schema/openapi.json").json();
            for (String path : List.of(
                    "/api/report",
                    "/api/report.csv",
                    "/api/lines",
                    "/api/bytes",
                    "/api/text-stream",
                    "/api/events",
                    "/api/page",
                    "/api/feed",
                    "/api/raw",
                    "/api/csv",
                    "/api/vnd")) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(200);
                String sent = response.header("content-type").split(";")[0].strip();
                assertThat(mediaTypes(served.path("paths")
                                .path(path)
                                .path("get")
                                .path("responses")
                                .path("200")))
                        .as(path)
                        .contains(sent);
            }
            TestResponse away = client.get("/api/away");
            assertThat(away.status()).isEqualTo(302);
            assertThat(away.header("location")).isEqualTo("/api/page");
        }
    }

    /** The same check through {@code TestClient.live}, the server a user's own tests start. */
    @Test
    void overTestClientLiveTheSentTypesAreTheDocumentedOnesToo() throws Exception {
        try (TestClient client = TestClient.live(app())) {
            JsonNode served = client.get("/schema/openapi.json").json();
            for (String path : List.of("/api/report", "/api/report.csv", "/api/events", "/api/page", "/api/bytes")) {
                String sent =
                        client.get(path).header("content-type").split(";")[0].strip();
                assertThat(mediaTypes(served.path("paths")
                                .path(path)
                                .path("get")
                                .path("responses")
                                .path("200")))
                        .as(path)
                        .containsExactly(sent);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRoutesMediaTypeIsSentForFilesStreamsAndTemplatesUnlessTheValuePicksOne(Transport transport) throws Exception {
        App app = App.builder()
                .plugins(new NamesOnly())
                .routeHandlers(
                        Route.get("/photo", () -> FileResponse.of(photo)),
                        Route.get("/photo-as", () -> FileResponse.of(photo)).mediaType("image/x-raw"),
                        Route.get("/photo-own", () -> FileResponse.of(photo).mediaType("image/webp"))
                                .mediaType("image/x-raw"),
                        Route.get("/lines", () -> Stream.of(List.of("a"))).mediaType("text/csv"),
                        Route.get("/lines-own", () -> Stream.of(List.of("a")).mediaType("text/tab-separated-values"))
                                .mediaType("text/csv"),
                        Route.get("/feed", () -> Template.of("feed.html")).mediaType("application/atom+xml"),
                        Route.get("/events", () -> ServerSentEvent.of(List.of("tick"))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/photo").header("content-type")).isEqualTo("image/png");
            assertThat(client.get("/photo-as").header("content-type")).isEqualTo("image/x-raw");
            assertThat(client.get("/photo-own").header("content-type")).isEqualTo("image/webp");
            assertThat(client.get("/lines").header("content-type")).isEqualTo("text/csv");
            assertThat(client.get("/lines-own").header("content-type")).isEqualTo("text/tab-separated-values");
            assertThat(client.get("/feed").header("content-type")).isEqualTo("application/atom+xml");
            assertThat(client.get("/events").header("content-type")).isEqualTo("text/event-stream");
        }
    }

    @Test
    void nonsenseStatusesAndExamplesFailAtStartup() {
        assertThatThrownBy(() -> Route.get("/x", () -> "x").response(99, String.class, "?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 to 599");
        assertThatThrownBy(() -> App.builder().routeHandlers(BadStatus.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("BadStatus.get")
                .hasMessageContaining("got 700");
        App badExample = App.builder()
                .routeHandlers(Route.get("/x", () -> "x")
                        .response(DocumentedResponse.of(409, Conflict.class, "").example("{not json")))
                .build();
        assertThatThrownBy(() -> OpenAPIGenerator.generate(
                        badExample, OpenAPIConfig.builder("Responses", "1.0.0").build()))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("409")
                .hasMessageContaining("not JSON");
        assertThatThrownBy(
                        () -> App.builder().routeHandlers(TwiceOneStatus.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("status 409");
    }

    public static final class BadStatus extends Controller {
        public BadStatus() {
            super("/bad");
        }

        @Get
        @ResponseSpec(status = 700)
        public String get() {
            return "x";
        }
    }

    public static final class TwiceOneStatus extends Controller {
        public TwiceOneStatus() {
            super("/twice");
        }

        @Get
        @ResponseSpec(status = 409, description = "one")
        @ResponseSpec(status = 409, description = "two")
        public String get() {
            return "x";
        }
    }
}

package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Put;
import dev.rigel.http.Preconditions;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.response.FileResponse;
import dev.rigel.response.Stream;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestRequest;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * If-Match and If-Unmodified-Since (RFC 9110 section 13): 412 for GET/HEAD responses whose
 * validators do not match, and {@link Preconditions#check} for state-changing requests.
 */
class PreconditionsTest {

    static final Instant CHANGED = Instant.parse("2024-05-01T12:00:00Z");

    /** A tiny versioned document store: the lost-update problem the preconditions solve. */
    public static final class Documents {
        record Doc(String text, int version, Instant updated) {}

        final Map<String, Doc> docs = new ConcurrentHashMap<>();
        final AtomicBoolean streamClosed = new AtomicBoolean();

        @Get("/docs/{name:str}")
        public Response<String> read(String name) {
            Doc doc = docs.get(name);
            return Response.of(doc.text()).etag("v" + doc.version()).lastModified(doc.updated());
        }

        @Get("/weak")
        public Response<String> weak() {
            return Response.of("weak").weakEtag("w1");
        }

        @Get("/missing")
        public Response<String> missing() {
            return Response.of("gone").etag("m1").status(404);
        }

        @Get("/stream")
        public Response<Stream> stream() {
            Iterator<String> source = new CloseableIterator(streamClosed);
            return Response.of(Stream.of(source)).etag("s1");
        }

        @Put("/docs/{name:str}")
        public Response<String> write(String name, String data, Request request) {
            Doc current = docs.get(name);
            Preconditions.check(
                    request,
                    current == null ? null : "v" + current.version(),
                    current == null ? null : current.updated());
            Doc next = new Doc(data, current == null ? 1 : current.version() + 1, Instant.now());
            docs.put(name, next);
            return Response.of(data).etag("v" + next.version());
        }

        @Delete("/docs/{name:str}")
        public void delete(String name, Request request) {
            Doc current = docs.get(name);
            Preconditions.check(request, current == null ? null : "v" + current.version(), null);
            docs.remove(name);
        }
    }

    /** An iterator that notes when it is closed (the stream's source must be released on a 412). */
    static final class CloseableIterator implements Iterator<String>, AutoCloseable {
        private final AtomicBoolean closed;

        CloseableIterator(AtomicBoolean closed) {
            this.closed = closed;
        }

        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public String next() {
            throw new java.util.NoSuchElementException();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    static Documents documents() {
        Documents documents = new Documents();
        documents.docs.put("readme", new Documents.Doc("hello", 3, CHANGED));
        return documents;
    }

    static TestResponse send(TestClient client, String method, String path, String... headers) {
        return sendWithBody(client, method, path, null, headers);
    }

    static TestResponse sendWithBody(TestClient client, String method, String path, String body, String... headers) {
        TestRequest request = client.request(method, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ifMatchOnAGetComparesStrongly(Transport transport) {
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(documents()).build(), transport)) {
            assertThat(send(client, "GET", "/docs/readme", "If-Match", "\"v3\"").status())
                    .isEqualTo(200);
            assertThat(send(client, "GET", "/docs/readme", "If-Match", "\"v1\", \"v3\"")
                            .status())
                    .isEqualTo(200);
            assertThat(send(client, "GET", "/docs/readme", "If-Match", "*").status())
                    .isEqualTo(200);
            TestResponse stale = send(client, "GET", "/docs/readme", "If-Match", "\"v2\"");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.jsonMap()).containsEntry("status_code", 412);
            assertThat(send(client, "HEAD", "/docs/readme", "If-Match", "\"v2\"")
                            .status())
                    .isEqualTo(412);
            // a weak tag never matches If-Match, on either side
            assertThat(send(client, "GET", "/docs/readme", "If-Match", "W/\"v3\"")
                            .status())
                    .isEqualTo(412);
            assertThat(send(client, "GET", "/weak", "If-Match", "\"w1\"").status())
                    .isEqualTo(412);
            // preconditions only apply to what would have been a 2xx
            assertThat(send(client, "GET", "/missing", "If-Match", "\"other\"").status())
                    .isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ifUnmodifiedSinceIsOnlyConsultedWithoutIfMatch(Transport transport) {
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(documents()).build(), transport)) {
            assertThat(send(client, "GET", "/docs/readme", "If-Unmodified-Since", "Wed, 01 May 2024 12:00:00 GMT")
                            .status())
                    .isEqualTo(200);
            assertThat(send(client, "GET", "/docs/readme", "If-Unmodified-Since", "Tue, 30 Apr 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(412);
            assertThat(send(client, "GET", "/docs/readme", "If-Unmodified-Since", "not a date")
                            .status())
                    .isEqualTo(200);
            assertThat(send(
                                    client,
                                    "GET",
                                    "/docs/readme",
                                    "If-Match",
                                    "\"v3\"",
                                    "If-Unmodified-Since",
                                    "Tue, 30 Apr 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(200);
            // a failed If-Match is a 412 even when If-None-Match would have allowed a 304
            assertThat(send(client, "GET", "/docs/readme", "If-Match", "\"v1\"", "If-None-Match", "\"v3\"")
                            .status())
                    .isEqualTo(412);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamRefusedWithA412ReleasesItsSource(Transport transport) {
        Documents documents = documents();
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(documents).build(), transport)) {
            assertThat(send(client, "GET", "/stream", "If-Match", "\"other\"").status())
                    .isEqualTo(412);
            assertThat(documents.streamClosed).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void filesAnswerIfMatchAndIfUnmodifiedSince(Transport transport, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "file contents");
        Files.setLastModifiedTime(file, FileTime.from(CHANGED));
        App app = App.builder()
                .routeHandlers(dev.rigel.Route.get("/file", () -> FileResponse.of(file)))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            String etag = client.get("/file").header("etag");
            assertThat(send(client, "GET", "/file", "If-Match", etag).text()).isEqualTo("file contents");
            assertThat(send(client, "GET", "/file", "If-Match", "\"0-0\"").status())
                    .isEqualTo(412);
            assertThat(send(client, "GET", "/file", "If-Unmodified-Since", "Tue, 30 Apr 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(412);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void preconditionsCheckProtectsAgainstLostUpdates(Transport transport) {
        Documents documents = documents();
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(documents).build(), transport)) {
            TestResponse stale = sendWithBody(client, "PUT", "/docs/readme", "lost update", "If-Match", "\"v2\"");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(documents.docs.get("readme").text()).isEqualTo("hello");

            TestResponse current = sendWithBody(client, "PUT", "/docs/readme", "new text", "If-Match", "\"v3\"");
            assertThat(current.status()).isEqualTo(200);
            assertThat(current.header("etag")).isEqualTo("\"v4\"");

            assertThat(sendWithBody(
                                    client,
                                    "PUT",
                                    "/docs/readme",
                                    "again",
                                    "If-Unmodified-Since",
                                    "Tue, 30 Apr 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(412);
            // without conditions the handler simply proceeds
            assertThat(sendWithBody(client, "PUT", "/docs/readme", "unconditional")
                            .status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ifNoneMatchStarMakesAPutCreateOnly(Transport transport) {
        Documents documents = documents();
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(documents).build(), transport)) {
            assertThat(sendWithBody(client, "PUT", "/docs/readme", "overwrite", "If-None-Match", "*")
                            .status())
                    .isEqualTo(412);
            assertThat(sendWithBody(client, "PUT", "/docs/new", "created", "If-None-Match", "*")
                            .status())
                    .isEqualTo(200);
            assertThat(documents.docs.get("new").text()).isEqualTo("created");
            // If-Match: * needs an existing resource
            assertThat(send(client, "DELETE", "/docs/absent", "If-Match", "*").status())
                    .isEqualTo(412);
            assertThat(send(client, "DELETE", "/docs/new", "If-Match", "*").status())
                    .isEqualTo(204);
            assertThat(send(client, "DELETE", "/docs/readme", "If-None-Match", "\"v3\"")
                            .status())
                    .isEqualTo(412);
        }
    }

    @Test
    void anEtagIsGivenWithoutQuotes() {
        assertThatThrownBy(() -> Preconditions.check(null, "\"v1\"", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without quotes");
    }
}

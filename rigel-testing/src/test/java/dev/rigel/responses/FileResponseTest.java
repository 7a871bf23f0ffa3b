package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.http.Response;
import dev.rigel.response.FileResponse;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files from disk: headers, chunked sending, Range requests (206/416) and 304s. */
class FileResponseTest {

    static final Instant MODIFIED = Instant.parse("2024-03-01T10:15:30Z");

    @TempDir
    Path dir;

    byte[] data;

    public static class Handlers {
        private final Path dir;

        Handlers(Path dir) {
            this.dir = dir;
        }

        @Get("/file")
        public FileResponse file() {
            return FileResponse.of(dir.resolve("data.bin"));
        }

        @Get("/small")
        public FileResponse small(String name) {
            return FileResponse.of(dir.resolve(name)).chunkSize(1000);
        }

        @Get("/inline")
        public FileResponse inline() {
            return FileResponse.of(dir.resolve("page.html")).inline();
        }

        @Get("/renamed")
        public FileResponse renamed() {
            return FileResponse.of(dir.resolve("data.bin")).filename("Übersicht \"2024\".pdf");
        }

        @Get("/typed")
        public FileResponse typed() {
            return FileResponse.of(dir.resolve("data.bin")).mediaType("application/x-custom");
        }

        @Get("/missing")
        public FileResponse missing() {
            return FileResponse.of(dir.resolve("nope.txt"));
        }

        @Get("/directory")
        public FileResponse directory() {
            return FileResponse.of(dir);
        }

        @Get("/wrapped")
        public Response<FileResponse> wrapped() {
            return Response.of(FileResponse.of(dir.resolve("page.html")))
                    .header("x-extra", "yes")
                    .cookie("seen", "1");
        }
    }

    @BeforeEach
    void files() throws IOException {
        data = new byte[200_000]; // over three 64 KiB chunks, so it is streamed
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("data.bin"), data);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        Files.writeString(dir.resolve("page.html"), "<h1>hi</h1>");
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        Files.writeString(dir.resolve("notes.txt"), "0123456789".repeat(250));
    }

    private TestClient client(Transport transport) {
        App app = App.builder()
                .routeHandlers(new Handlers(dir))
                .responseHeader("x-layer", "app")
                .build();
        return Clients.open(app, transport);
    }

    private TestResponse get(TestClient client, String path, String... headers) {
        var request = client.request("GET", path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsTheWholeFileWithItsHeaders(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/file");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(data);
            assertThat(response.header("content-type")).isEqualTo("application/octet-stream");
            assertThat(response.header("content-length")).isEqualTo("200000");
            assertThat(response.header("content-disposition")).isEqualTo("attachment; filename=\"data.bin\"");
            assertThat(response.header("accept-ranges")).isEqualTo("bytes");
            assertThat(response.header("last-modified")).isEqualTo("Fri, 01 Mar 2024 10:15:30 GMT");
            assertThat(response.header("etag"))
                    .isEqualTo("\"30d40-" + Long.toHexString(MODIFIED.toEpochMilli()) + "\"");
            assertThat(response.header("x-layer")).isEqualTo("app");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guessesTypesAndSetsDisposition(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse inline = client.get("/inline");
            assertThat(inline.text()).isEqualTo("<h1>hi</h1>");
            assertThat(inline.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(inline.header("content-disposition")).isEqualTo("inline; filename=\"page.html\"");

            TestResponse renamed = client.get("/renamed");
            assertThat(renamed.header("content-type")).isEqualTo("application/pdf");
            assertThat(renamed.header("content-disposition"))
                    .isEqualTo(
                            "attachment; filename=\"_bersicht _2024_.pdf\"; filename*=UTF-8''%C3%9Cbersicht%20%222024%22.pdf");

            assertThat(client.get("/typed").header("content-type")).isEqualTo("application/x-custom");
            assertThat(client.get("/small?name=notes.txt").header("content-type"))
                    .isEqualTo("text/plain; charset=utf-8");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsSmallAndEmptyFiles(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse notes = client.get("/small?name=notes.txt");
            assertThat(notes.text()).isEqualTo("0123456789".repeat(250));
            assertThat(notes.header("content-length")).isEqualTo("2500");
            TestResponse empty = client.get("/small?name=empty.txt");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).isEmpty();
            assertThat(empty.header("content-length")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void missingFileOrDirectoryIsA404(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse missing = client.get("/missing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.jsonMap()).containsEntry("status_code", 404);
            assertThat(client.get("/directory").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headSendsHeadersWithoutBody(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.head("/file");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(response.header("content-length")).isEqualTo("200000");
            assertThat(response.header("etag")).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseWrapperAddsHeadersAndCookies(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/wrapped");
            assertThat(response.text()).isEqualTo("<h1>hi</h1>");
            assertThat(response.header("x-extra")).isEqualTo("yes");
            assertThat(response.header("set-cookie")).startsWith("seen=1");
            assertThat(response.header("x-layer")).isEqualTo("app");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesSingleRanges(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse first = get(client, "/file", "Range", "bytes=0-99");
            assertThat(first.status()).isEqualTo(206);
            assertThat(first.body()).isEqualTo(Arrays.copyOfRange(data, 0, 100));
            assertThat(first.header("content-range")).isEqualTo("bytes 0-99/200000");
            assertThat(first.header("content-length")).isEqualTo("100");

            // crosses chunk boundaries in the middle of the file
            TestResponse middle = get(client, "/file", "Range", "bytes=60000-140000");
            assertThat(middle.status()).isEqualTo(206);
            assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(data, 60000, 140001));
            assertThat(middle.header("content-range")).isEqualTo("bytes 60000-140000/200000");

            TestResponse suffix = get(client, "/file", "Range", "bytes=-500");
            assertThat(suffix.status()).isEqualTo(206);
            assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(data, 199500, 200000));
            assertThat(suffix.header("content-range")).isEqualTo("bytes 199500-199999/200000");

            TestResponse open = get(client, "/file", "Range", "bytes=199000-");
            assertThat(open.status()).isEqualTo(206);
            assertThat(open.body()).isEqualTo(Arrays.copyOfRange(data, 199000, 200000));

            // an end past the file is cut to the file's end
            TestResponse past = get(client, "/file", "Range", "bytes=199990-300000");
            assertThat(past.status()).isEqualTo(206);
            assertThat(past.header("content-range")).isEqualTo("bytes 199990-199999/200000");
            assertThat(past.body()).hasSize(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multipleOrMalformedRangesGetTheWholeFile(Transport transport) {
        try (TestClient client = client(transport)) {
            for (String range :
                    new String[] {"bytes=0-9,20-29", "bytes=abc", "bytes=10-5", "items=0-9", "bytes=", "0-9"}) {
                TestResponse response = get(client, "/file", "Range", range);
                assertThat(response.status()).as(range).isEqualTo(200);
                assertThat(response.body()).as(range).isEqualTo(data);
                assertThat(response.header("content-range")).as(range).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rangeBeyondTheEndIs416(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = get(client, "/file", "Range", "bytes=200000-");
            assertThat(response.status()).isEqualTo(416);
            assertThat(response.header("content-range")).isEqualTo("bytes */200000");
            assertThat(response.body()).isEmpty();
            assertThat(get(client, "/file", "Range", "bytes=-0").status()).isEqualTo(416);
            assertThat(get(client, "/small?name=empty.txt", "Range", "bytes=0-").status())
                    .isEqualTo(416);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ifRangeServesTheRangeOnlyWhileTheFileIsUnchanged(Transport transport) {
        try (TestClient client = client(transport)) {
            String etag = client.get("/file").header("etag");
            assertThat(get(client, "/file", "Range", "bytes=0-9", "If-Range", etag)
                            .status())
                    .isEqualTo(206);
            assertThat(get(client, "/file", "Range", "bytes=0-9", "If-Range", "Fri, 01 Mar 2024 10:15:30 GMT")
                            .status())
                    .isEqualTo(206);
            TestResponse stale = get(client, "/file", "Range", "bytes=0-9", "If-Range", "\"other\"");
            assertThat(stale.status()).isEqualTo(200);
            assertThat(stale.body()).isEqualTo(data);
            assertThat(get(client, "/file", "Range", "bytes=0-9", "If-Range", "W/" + etag)
                            .status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unchangedFileIsA304(Transport transport) {
        try (TestClient client = client(transport)) {
            String etag = client.get("/file").header("etag");
            TestResponse byTag = get(client, "/file", "If-None-Match", etag);
            assertThat(byTag.status()).isEqualTo(304);
            assertThat(byTag.body()).isEmpty();
            assertThat(byTag.header("etag")).isEqualTo(etag);
            assertThat(byTag.header("content-disposition")).isNull();

            assertThat(get(client, "/file", "If-Modified-Since", "Fri, 01 Mar 2024 10:15:30 GMT")
                            .status())
                    .isEqualTo(304);
            assertThat(get(client, "/file", "If-Modified-Since", "Fri, 01 Mar 2024 10:15:29 GMT")
                            .status())
                    .isEqualTo(200);
            // a 304 wins over a Range: the client's copy is current
            assertThat(get(client, "/file", "If-None-Match", etag, "Range", "bytes=0-9")
                            .status())
                    .isEqualTo(304);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void changedFileGetsANewEtag(Transport transport) throws IOException {
        try (TestClient client = client(transport)) {
            String before = client.get("/file").header("etag");
            Files.setLastModifiedTime(dir.resolve("data.bin"), FileTime.from(MODIFIED.plusSeconds(60)));
            TestResponse after = get(client, "/file", "If-None-Match", before);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.header("etag")).isNotEqualTo(before);
        }
    }
}

package dev.rigel.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Response;
import dev.rigel.middleware.compression.CompressionConfig;
import dev.rigel.middleware.compression.CompressionConfig.Algorithm;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in compression: choosing by Accept-Encoding, what is skipped, and streamed bodies. */
class CompressionTest {

    static final String TEXT = "Rigel compresses this line of text, which repeats a lot. ".repeat(100);
    static final List<String> CHUNKS = List.of(
            "first chunk of the stream; ".repeat(20), "second; ".repeat(30), "and the third and last one. ".repeat(25));

    static String text() {
        return TEXT;
    }

    static String small() {
        return "too small to compress";
    }

    static Response<String> encodedAlready() {
        return Response.of(TEXT).header("Content-Encoding", "identity-but-marked");
    }

    static Response<byte[]> png() {
        return Response.of(TEXT.getBytes(StandardCharsets.UTF_8)).mediaType("image/png");
    }

    static Response<byte[]> svg() {
        return Response.of(TEXT.getBytes(StandardCharsets.UTF_8)).mediaType("image/svg+xml");
    }

    static Response<String> varying() {
        return Response.of(TEXT).header("Vary", "Origin");
    }

    static Response<String> notModified() {
        return Response.of(TEXT).status(304);
    }

    static Response<String> noTransform() {
        return Response.of(TEXT).header("Cache-Control", "no-transform");
    }

    /** Answers by itself with a body of several messages, as a streaming handler would. */
    static final Middleware STREAMING = next -> (scope, receive, send) -> {
        send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain; charset=utf-8")));
        for (int i = 0; i < CHUNKS.size(); i++) {
            send.send(new Message.ResponseBody(CHUNKS.get(i).getBytes(StandardCharsets.UTF_8), i < CHUNKS.size() - 1));
        }
    };

    static App app(CompressionConfig config) {
        return App.builder()
                .routeHandlers(
                        Route.get("/text", CompressionTest::text),
                        Route.get("/small", CompressionTest::small),
                        Route.get("/encoded", CompressionTest::encodedAlready),
                        Route.get("/png", CompressionTest::png),
                        Route.get("/svg", CompressionTest::svg),
                        Route.get("/varying", CompressionTest::varying),
                        Route.get("/not-modified", CompressionTest::notModified),
                        Route.get("/no-transform", CompressionTest::noTransform),
                        Route.delete("/gone", () -> null),
                        Route.get("/excluded", CompressionTest::text),
                        Route.get("/stream", CompressionTest::text).middleware(STREAMING),
                        Route.get(
                                "/tagged",
                                () -> dev.rigel.http.Response.of(TEXT).etag("v1")))
                .compression(config)
                .build();
    }

    static App app() {
        return app(CompressionConfig.defaults().exclude("^/excluded$"));
    }

    static String decode(String encoding, byte[] body) throws IOException {
        byte[] plain = switch (encoding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            case "br" -> Decoder.decompress(body).getDecompressedData();
            case "zstd" -> readAll(new ZstdInputStream(new ByteArrayInputStream(body)));
            default -> throw new AssertionError("unexpected encoding " + encoding);
        };
        return new String(plain, StandardCharsets.UTF_8);
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static List<Arguments> everyAlgorithmOverEveryTransport() {
        List<Arguments> all = new ArrayList<>();
        for (Transport transport : Transport.values()) {
            for (Algorithm algorithm : Algorithm.values()) {
                all.add(Arguments.of(transport, algorithm));
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("everyAlgorithmOverEveryTransport")
    void compressesWithTheAcceptedAlgorithm(Transport transport, Algorithm algorithm) throws IOException {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("GET", "/text")
                    .header("Accept-Encoding", algorithm.token())
                    .send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Encoding")).isEqualTo(algorithm.token());
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length));
            assertThat(response.body().length).isLessThan(TEXT.length() / 5);
            assertThat(decode(algorithm.token(), response.body())).isEqualTo(TEXT);
        }
    }

    @ParameterizedTest
    @MethodSource("everyAlgorithmOverEveryTransport")
    void compressesStreamedBodiesAsAStream(Transport transport, Algorithm algorithm) throws IOException {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("GET", "/stream")
                    .header("Accept-Encoding", algorithm.token())
                    .send();
            assertThat(response.header("Content-Encoding")).isEqualTo(algorithm.token());
            assertThat(response.header("Content-Length")).isNull();
            assertThat(decode(algorithm.token(), response.body())).isEqualTo(String.join("", CHUNKS));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Transport.class)
    void aCompressedBodyCarriesItsEtagMarkedWeakAndStillRevalidates(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse plain = client.get("/tagged");
            assertThat(plain.header("Content-Encoding")).isNull();
            assertThat(plain.header("ETag")).isEqualTo("\"v1\"");
            TestResponse compressed = client.request("GET", "/tagged")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(compressed.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(compressed.header("ETag")).isEqualTo("W/\"v1\"");
            TestResponse revalidated = client.request("GET", "/tagged")
                    .header("Accept-Encoding", "gzip")
                    .header("If-None-Match", compressed.header("ETag"))
                    .send();
            assertThat(revalidated.status()).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();
        }
    }

    /** Calls the app directly to see each message it sends: one compressed message per chunk. */
    static List<Message> exchange(App app, String path, String acceptEncoding) throws Exception {
        List<Message> sent = new ArrayList<>();
        Scope scope = Scope.http("GET", path)
                .headers(Headers.of("accept-encoding", acceptEncoding))
                .build();
        app.call(scope, () -> Message.RequestBody.EMPTY_LAST, sent::add);
        return sent;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyStreamedChunkIsFlushedOnItsOwn(Algorithm algorithm) throws Exception {
        List<Message> sent = exchange(app(), "/stream", algorithm.token());
        assertThat(sent).hasSize(1 + CHUNKS.size());
        assertThat(sent.subList(1, sent.size()))
                .allSatisfy(message ->
                        assertThat(((Message.ResponseBody) message).body()).isNotEmpty());
        assertThat(sent)
                .last()
                .satisfies(last ->
                        assertThat(((Message.ResponseBody) last).moreBody()).isFalse());
    }

    @Test
    void aFlushedGzipChunkDecodesBeforeTheStreamEnds() throws Exception {
        List<Message> sent = exchange(app(), "/stream", "gzip");
        Inflater inflater = new Inflater(true);
        byte[] first = ((Message.ResponseBody) sent.get(1)).body();
        inflater.setInput(first, 10, first.length - 10); // past the 10-byte gzip header
        byte[] out = new byte[CHUNKS.get(0).length() * 2];
        int produced = inflater.inflate(out);
        assertThat(new String(out, 0, produced, StandardCharsets.UTF_8)).isEqualTo(CHUNKS.get(0));
        inflater.end();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gzip, deflate, br, zstd        | br",
                "gzip;q=1.0, br;q=0.5           | gzip",
                "zstd;q=0.8, br;q=0.8, gzip;q=0.9 | gzip",
                "zstd, gzip                     | zstd",
                "*                              | br",
                "*;q=0.5, gzip                  | gzip",
                "br;q=0, *                      | zstd",
                "br;q=0, zstd;q=0, *;q=0.1      | gzip",
                "X-GZIP                         | gzip",
                "GZip;Q=0.3                     | gzip",
                "gzip;q=0.5, identity           | none",
                "gzip;q=0.5, identity;q=0.4     | gzip",
                "identity                       | none",
                "gzip;q=0, br;q=0, zstd;q=0     | none",
                "*;q=0                          | none",
                "deflate, compress              | none",
                "gzip, , br,                    | br",
            })
    void choosesByQValueThenByTheServersOrder(String acceptEncoding, String expected) {
        try (TestClient client = TestClient.of(app())) {
            TestResponse response = client.request("GET", "/text")
                    .header("Accept-Encoding", acceptEncoding)
                    .send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Encoding")).isEqualTo(expected.equals("none") ? null : expected);
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
        }
    }

    @Test
    void theServersOrderIsConfigurable() {
        CompressionConfig gzipFirst = CompressionConfig.defaults().algorithms(Algorithm.GZIP, Algorithm.ZSTD);
        try (TestClient client = TestClient.of(app(gzipFirst))) {
            assertThat(client.request("GET", "/text")
                            .header("Accept-Encoding", "br, zstd, gzip")
                            .send()
                            .header("Content-Encoding"))
                    .isEqualTo("gzip");
            assertThat(client.request("GET", "/text")
                            .header("Accept-Encoding", "br")
                            .send()
                            .header("Content-Encoding"))
                    .isNull();
        }
    }

    static final List<String> MALFORMED = List.of(
            "gzip;q=abc",
            "gzip;q=2",
            "gzip;q=1.5",
            "gzip;q=0.0001",
            "gzip;q",
            "gzip;q=",
            ";;;",
            ";q=1",
            "gz ip",
            "gzip;q=1;q",
            "\u00ff\u00fe",
            "br;q=-1",
            "\"gzip\"",
            "gzip;;");

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedAcceptEncodingMeansNoCompression(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            for (String acceptEncoding : MALFORMED) {
                if (transport == Transport.REAL_SERVER && acceptEncoding.chars().anyMatch(c -> c > 0x7e)) {
                    continue; // the JDK client refuses to send such a header at all
                }
                TestResponse response = client.request("GET", "/text")
                        .header("Accept-Encoding", acceptEncoding)
                        .send();
                assertThat(response.status()).as(acceptEncoding).isEqualTo(200);
                assertThat(response.header("Content-Encoding"))
                        .as(acceptEncoding)
                        .isNull();
                assertThat(response.text()).isEqualTo(TEXT);
            }
        }
    }

    @Test
    void aHugeAcceptEncodingIsIgnored() {
        try (TestClient client = TestClient.of(app())) {
            TestResponse response = client.request("GET", "/text")
                    .header("Accept-Encoding", "x-unknown;q=0.1, ".repeat(5000) + "gzip")
                    .send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Encoding")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/small", "/encoded", "/png", "/not-modified", "/no-transform", "/excluded"})
    void leavesAloneWhatMustNotOrNeedNotBeCompressed(String path) {
        try (TestClient client = TestClient.of(app())) {
            TestResponse response = client.request("GET", path)
                    .header("Accept-Encoding", "gzip, br, zstd")
                    .send();
            assertThat(response.header("Content-Encoding")).isNotIn("gzip", "br", "zstd");
            assertThat(response.header("Vary")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void noContentAndHeadResponsesStayUncompressed(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse gone = client.request("DELETE", "/gone")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(gone.status()).isEqualTo(204);
            assertThat(gone.header("Content-Encoding")).isNull();
            TestResponse head = client.request("HEAD", "/text")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Encoding")).isNull();
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(TEXT.length()));
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void svgIsTextAndAnExistingVaryIsKept() throws IOException {
        try (TestClient client = TestClient.of(app())) {
            TestResponse svg = client.request("GET", "/svg")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(svg.header("Content-Encoding")).isEqualTo("gzip");
            TestResponse varying = client.request("GET", "/varying")
                    .header("Accept-Encoding", "zstd")
                    .send();
            assertThat(varying.header("Vary")).isEqualTo("Origin, Accept-Encoding");
            assertThat(decode("zstd", varying.body())).isEqualTo(TEXT);
        }
    }

    @Test
    void theMinimumSizeAndLevelsAreConfigurable() throws IOException {
        CompressionConfig config = CompressionConfig.defaults()
                .minimumSize(5)
                .gzipLevel(1)
                .brotliQuality(11)
                .zstdLevel(19);
        try (TestClient client = TestClient.of(app(config))) {
            TestResponse small = client.request("GET", "/small")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(small.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(decode("gzip", small.body())).isEqualTo(small());
            TestResponse zstd = client.request("GET", "/text")
                    .header("Accept-Encoding", "zstd")
                    .send();
            assertThat(Zstd.decompressedSize(zstd.body())).isEqualTo(TEXT.length());
        }
        assertThatThrownBy(() -> CompressionConfig.defaults().gzipLevel(10)).hasMessageContaining("gzip level");
        assertThatThrownBy(() -> CompressionConfig.defaults().brotliQuality(12)).hasMessageContaining("brotli");
        assertThatThrownBy(() -> CompressionConfig.defaults().zstdLevel(0)).hasMessageContaining("zstd");
        assertThatThrownBy(() -> CompressionConfig.defaults().minimumSize(-1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> CompressionConfig.defaults().algorithms(new Algorithm[0]))
                .hasMessageContaining("at least one");
    }

    @Test
    void everyAlgorithmIsAvailableOnThisMachine() {
        for (Algorithm algorithm : Algorithm.values()) {
            assertThat(CompressionConfig.isAvailable(algorithm))
                    .as(algorithm.name())
                    .isTrue();
        }
    }

    /** Streams compressed with the codec decode with the reference decoder in one piece, too. */
    @Test
    void decodesWithAPlainReadOfTheWholeStream() throws Exception {
        List<Message> sent = exchange(app(), "/stream", "br");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        sent.subList(1, sent.size()).forEach(m -> body.writeBytes(((Message.ResponseBody) m).body()));
        assertThat(decode("br", body.toByteArray())).isEqualTo(String.join("", CHUNKS));
    }
}

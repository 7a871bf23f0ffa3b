package dev.rigel.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Request;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code request.stream()} and {@code InputStream body}: the request body read as it arrives. */
class RequestStreamTest {

    private static final int UPLOAD = 6 * 1024 * 1024;

    /** Hashes the body as it arrives: what a handler storing or forwarding an upload does. */
    static Map<String, Object> digest(InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long count;
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            count = digesting.transferTo(OutputStream.nullOutputStream());
        }
        return Map.of("sha256", HexFormat.of().formatHex(sha.digest()), "bytes", count);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] upload(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static App app() {
        return App.builder()
                .maxBodySize(16 * 1024 * 1024)
                .routeHandlers(
                        Route.post("/hash", (Request request) -> digest(request.stream())),
                        Route.post("/hash-param", (InputStream body) -> digest(body)),
                        Route.post("/small", (Request request) -> digest(request.stream()))
                                .maxBodySize(1024 * 1024),
                        Route.post("/twice", (Request request) -> {
                            request.stream().readAllBytes();
                            return digest(request.stream());
                        }),
                        Route.post("/after-body", (Request request) -> {
                            request.body();
                            return digest(request.stream());
                        }),
                        Route.post("/body-after", (Request request) -> {
                            request.stream().readAllBytes();
                            return request.text();
                        }))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMultiMegabyteUploadIsHashedAsItArrivesWithContentLengthOrChunked(Transport transport) throws Exception {
        byte[] bytes = upload(UPLOAD);
        String expected = sha256(bytes);
        try (TestClient client = Clients.open(app(), transport)) {
            for (String path : new String[] {"/hash", "/hash-param"}) {
                TestResponse sized = client.request("POST", path)
                        .body(bytes, "application/octet-stream")
                        .send();
                assertThat(sized.status()).isEqualTo(201);
                assertThat(sized.jsonMap()).containsEntry("sha256", expected).containsEntry("bytes", UPLOAD);

                TestResponse chunked = client.request("POST", path)
                        .chunked(new ByteArrayInputStream(bytes), "application/octet-stream")
                        .send();
                assertThat(chunked.status()).isEqualTo(201);
                assertThat(chunked.jsonMap()).containsEntry("sha256", expected).containsEntry("bytes", UPLOAD);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHandlerStartsBeforeTheUploadIsComplete(Transport transport) throws Exception {
        // if anything buffered the body first, the handler would wait for bytes the test only
        // sends once the handler has seen the first ones
        CountDownLatch firstBytesSeen = new CountDownLatch(1);
        App app = App.builder()
                .routeHandlers(Route.post("/relay", (Request request) -> {
                    InputStream in = request.stream();
                    int first = in.read();
                    firstBytesSeen.countDown();
                    long rest = in.transferTo(OutputStream.nullOutputStream());
                    return Map.of("first", first, "bytes", rest + 1);
                }))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            PipedOutputStream feed = new PipedOutputStream();
            PipedInputStream source = new PipedInputStream(feed, 64 * 1024);
            CompletableFuture<TestResponse> response = client.request("POST", "/relay")
                    .chunked(source, "application/octet-stream")
                    .sendAsync();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    feed.write(new byte[256 * 1024]);
                    feed.flush();
                    assertThat(firstBytesSeen.await(10, TimeUnit.SECONDS))
                            .as("the handler saw the first bytes while the upload was still going")
                            .isTrue();
                    feed.write(new byte[1024 * 1024]);
                    feed.close();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.get(20, TimeUnit.SECONDS);
            TestResponse answer = response.get(20, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.jsonMap()).containsEntry("first", 0).containsEntry("bytes", 1280 * 1024);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void passingTheBodyLimitMidStreamIsThe413(Transport transport) {
        byte[] bytes = upload(3 * 1024 * 1024);
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse chunked = client.request("POST", "/small")
                    .chunked(new ByteArrayInputStream(bytes), "application/octet-stream")
                    .send();
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(chunked.jsonMap()).containsEntry("status_code", 413);

            TestResponse declared = client.request("POST", "/small")
                    .body(bytes, "application/octet-stream")
                    .send();
            assertThat(declared.status()).isEqualTo(413);

            // the connection (or client) is still good for the next request
            assertThat(client.request("POST", "/small")
                            .body("ok".getBytes(StandardCharsets.UTF_8), "text/plain")
                            .send()
                            .jsonMap())
                    .containsEntry("bytes", 2);
        }
    }

    @Test
    void readingTheBodyTwiceIsAClearError() {
        TestClient client = TestClient.of(app());
        assertThatThrownBy(() -> client.request("POST", "/twice")
                        .body(new byte[10], "application/octet-stream")
                        .send())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request.stream() was already called");
        assertThatThrownBy(() -> client.request("POST", "/after-body")
                        .body(new byte[10], "application/octet-stream")
                        .send())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already read whole");
        assertThatThrownBy(() -> client.request("POST", "/body-after")
                        .body(new byte[10], "application/octet-stream")
                        .send())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already read with request.stream()");
    }

    /** A client leaving mid-body is a client error: the handler's read fails with a 400, nothing is logged as an error. */
    @Test
    void aClientLeavingMidBodyIsAClientErrorNotAnErrorLogLine() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        App app = App.builder()
                .routeHandlers(Route.post("/hash", (Request request) -> {
                    InputStream in = request.stream();
                    in.read();
                    started.countDown();
                    try {
                        return digest(in);
                    } catch (RuntimeException e) {
                        failure.set(e);
                        throw e;
                    } finally {
                        finished.countDown();
                    }
                }))
                .build();
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        root.addAppender(appender);
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (Socket socket = new Socket()) {
            URI base = URI.create(server.url());
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hash HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: 1048576\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[100_000]);
            out.flush();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            socket.close();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.stop();
            root.detachAppender(appender);
        }
        assertThat(failure.get()).isInstanceOf(dev.rigel.exceptions.ClientException.class);
        assertThat(((dev.rigel.exceptions.ClientException) failure.get()).statusCode())
                .isEqualTo(400);
        assertThat(appender.list)
                .noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    }

    /**
     * Backpressure over the real server: while the handler does not read, the server stops reading
     * from the socket, so the client's writes stall far short of the upload's size.
     */
    @Test
    void theServerDoesNotBufferAnUploadTheHandlerIsNotReading() throws Exception {
        long size = 256L * 1024 * 1024;
        CountDownLatch handlerStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        App app = App.builder()
                .maxBodySize(size)
                .routeHandlers(Route.post("/slow", (Request request) -> {
                    InputStream in = request.stream();
                    in.read();
                    handlerStarted.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return Map.of("bytes", 1 + in.transferTo(OutputStream.nullOutputStream()));
                }))
                .build();
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .maxBodySize(size)
                                .readTimeout(Duration.ofSeconds(60))
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (Socket socket = new Socket()) {
            URI base = URI.create(server.url());
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            AtomicLong written = new AtomicLong();
            AtomicBoolean failed = new AtomicBoolean();
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] block = new byte[64 * 1024];
                try {
                    while (written.get() < size) {
                        out.write(block);
                        written.addAndGet(block.length);
                    }
                    out.flush();
                } catch (IOException e) {
                    failed.set(true);
                }
            });
            assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // wait until the writer stalls: no progress for half a second
            long before;
            do {
                before = written.get();
                Thread.sleep(500);
            } while (written.get() != before && written.get() < size);
            assertThat(written.get())
                    .as("bytes the client could write while the handler read nothing")
                    .isLessThan(64L * 1024 * 1024);
            release.countDown();
            writer.join(Duration.ofSeconds(30));
            assertThat(failed).isFalse();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 201").contains("\"bytes\":" + size);
        } finally {
            server.stop();
        }
    }
}

package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.middleware.Middleware;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.Stream;
import dev.rigel.testing.StreamedTestResponse;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that leaves a long response is noticed while the response's source waits, not only at
 * the next write: {@code receive} blocks after the body until the client leaves, and the streamed
 * response path watches it.
 */
@Timeout(60) // a source that is never stopped would otherwise hang the build
class ClientDisconnectTest {

    /** Yields one element, then blocks in next() until interrupted; notes the interrupt and close. */
    static final class StuckSource implements Iterator<String>, AutoCloseable {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);
        private boolean first = true;

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public String next() {
            if (first) {
                first = false;
                return "first";
            }
            blocked.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("stopped while waiting for the next element", e);
            }
            return "never";
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDepartedClientStopsAnEventSourceBlockedInNext(Transport transport) throws Exception {
        StuckSource source = new StuckSource();
        AtomicInteger cleanups = new AtomicInteger();
        CountDownLatch cleaned = new CountDownLatch(1);
        App app = App.builder()
                .routeHandlers(
                        Route.get(
                                        "/events",
                                        (String resource) ->
                                                ServerSentEvent.of(source).interruptOnDisconnect())
                                .dependency(
                                        "resource",
                                        Provide.of(() -> Scoped.of("res", outcome -> {
                                            cleanups.incrementAndGet();
                                            cleaned.countDown();
                                        }))),
                        Route.get("/plain", () -> "still serving"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            StreamedTestResponse response = client.request("GET", "/events").stream();
            assertThat(response.status()).isEqualTo(200);
            readUntil(response.body(), "data: first\n\n");
            assertThat(source.blocked.await(10, TimeUnit.SECONDS)).isTrue();

            response.close();

            assertThat(source.interrupted.await(10, TimeUnit.SECONDS))
                    .as("the producer was interrupted")
                    .isTrue();
            assertThat(source.closed.await(10, TimeUnit.SECONDS))
                    .as("the source was closed")
                    .isTrue();
            assertThat(cleaned.await(10, TimeUnit.SECONDS))
                    .as("the route's cleanup ran")
                    .isTrue();
            assertThat(client.get("/plain").text()).isEqualTo("still serving");
            assertThat(cleanups).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDepartedClientStopsAStreamBlockedInNext(Transport transport) throws Exception {
        StuckSource source = new StuckSource();
        CountDownLatch cleaned = new CountDownLatch(1);
        App app = App.builder()
                .routeHandlers(Route.get(
                                "/stream",
                                (String resource) -> Stream.of(source).interruptOnDisconnect())
                        .dependency("resource", Provide.of(() -> Scoped.of("res", outcome -> cleaned.countDown()))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            StreamedTestResponse response = client.request("GET", "/stream").stream();
            readUntil(response.body(), "first");
            assertThat(source.blocked.await(10, TimeUnit.SECONDS)).isTrue();

            response.close();

            assertThat(source.interrupted.await(10, TimeUnit.SECONDS))
                    .as("the producer was interrupted")
                    .isTrue();
            assertThat(source.closed.await(10, TimeUnit.SECONDS))
                    .as("the source was closed")
                    .isTrue();
            assertThat(cleaned.await(10, TimeUnit.SECONDS))
                    .as("the route's cleanup ran")
                    .isTrue();
        }
    }

    /** The TestClient speaks HTTP/1.1; over HTTP/2 leaving is a stream reset, the connection stays. */
    @Test
    void anHttp2ClientResettingTheStreamStopsAnEventSource() throws Exception {
        StuckSource source = new StuckSource();
        CountDownLatch cleaned = new CountDownLatch(1);
        App app = App.builder()
                .routeHandlers(
                        Route.get(
                                        "/events",
                                        (String resource) ->
                                                ServerSentEvent.of(source).interruptOnDisconnect())
                                .dependency(
                                        "resource", Provide.of(() -> Scoped.of("res", outcome -> cleaned.countDown()))),
                        Route.get("/plain", () -> "still serving"))
                .build();
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/plain")).build(),
                    HttpResponse.BodyHandlers.discarding()); // upgrade first, so /events is an h2 stream
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            try (InputStream body = response.body()) {
                readUntil(body, "data: first\n\n");
                assertThat(source.blocked.await(10, TimeUnit.SECONDS)).isTrue();
            } // closing the body early resets the stream

            assertThat(source.interrupted.await(10, TimeUnit.SECONDS))
                    .as("the producer was interrupted")
                    .isTrue();
            assertThat(source.closed.await(10, TimeUnit.SECONDS))
                    .as("the source was closed")
                    .isTrue();
            assertThat(cleaned.await(10, TimeUnit.SECONDS))
                    .as("the route's cleanup ran")
                    .isTrue();
            assertThat(client.send(
                                    HttpRequest.newBuilder(URI.create(server.url() + "/plain"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("still serving");
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closingTheClientIsLeavingToo(Transport transport) throws Exception {
        StuckSource source = new StuckSource();
        App app = App.builder()
                .routeHandlers(
                        Route.get("/events", () -> ServerSentEvent.of(source).interruptOnDisconnect()))
                .build();
        TestClient client = Clients.open(app, transport);
        try (client) {
            StreamedTestResponse response = client.request("GET", "/events").stream();
            readUntil(response.body(), "data: first\n\n");
            assertThat(source.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(source.closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamThatEndsNormallyIsNotInterrupted(Transport transport) throws Exception {
        int runs = 20;
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch cleaned = new CountDownLatch(runs);
        App app = App.builder()
                .routeHandlers(Route.get(
                                "/short",
                                (String resource) -> Stream.of(new Iterator<String>() {
                                            private int left = 3;

                                            @Override
                                            public boolean hasNext() {
                                                return left > 0;
                                            }

                                            @Override
                                            public String next() {
                                                left--;
                                                return "x";
                                            }
                                        })
                                        .interruptOnDisconnect())
                        .dependency(
                                "resource",
                                Provide.of(() -> Scoped.of("res", outcome -> {
                                    if (Thread.currentThread().isInterrupted()) {
                                        interrupted.set(true);
                                    }
                                    cleaned.countDown();
                                }))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            for (int i = 0; i < runs; i++) {
                assertThat(client.get("/short").text()).isEqualTo("xxx");
            }
            assertThat(cleaned.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(interrupted).isFalse();
        }
    }

    /**
     * Without {@code interruptOnDisconnect} the sending thread is never interrupted (an interrupt
     * would close the source's sockets or channels, a pooled JDBC connection's among them): a
     * departed client is noticed at the next write, and the source is closed then.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSourceNotMarkedInterruptibleIsStoppedAtItsNextWriteAndNeverInterrupted(Transport transport) throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        class SlowSource implements Iterator<String>, AutoCloseable {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (first) {
                    first = false;
                    return "first";
                }
                blocked.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    Thread.currentThread().interrupt();
                }
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
                return "more";
            }

            @Override
            public void close() {
                closed.countDown();
            }
        }
        SlowSource source = new SlowSource();
        App app = App.builder()
                .routeHandlers(Route.get("/events", () -> ServerSentEvent.of(source)))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            StreamedTestResponse response = client.request("GET", "/events").stream();
            readUntil(response.body(), "data: first\n\n");
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            response.close();
            resume.countDown();
            assertThat(closed.await(10, TimeUnit.SECONDS))
                    .as("closed once a write failed")
                    .isTrue();
            assertThat(interrupted).isFalse();
        }
    }

    /**
     * A receive after the body waits while the client is there, and is released (with Disconnect)
     * when the response ends.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void receiveAfterTheBodyWaitsForTheClientAndEndsWithTheResponse(Transport transport) throws Exception {
        CountDownLatch clientRead = new CountDownLatch(1);
        CompletableFuture<Boolean> earlyDisconnect = new CompletableFuture<>();
        CompletableFuture<Message> afterBody = new CompletableFuture<>();
        Middleware peek = next -> (scope, receive, send) -> {
            Message message;
            do {
                message = receive.receive();
            } while (message instanceof Message.RequestBody body && body.moreBody());
            Thread receiver = Thread.ofVirtual().start(() -> {
                try {
                    afterBody.complete(receive.receive());
                } catch (Throwable t) {
                    afterBody.completeExceptionally(t);
                }
            });
            // go on once that receive returned or waits in it, so the client reads while it waits
            while (!afterBody.isDone() && receiver.getState() != Thread.State.WAITING) {
                Thread.yield();
            }
            send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
            send.send(new Message.ResponseBody("waiting\n".getBytes(StandardCharsets.UTF_8), true));
            clientRead.await(10, TimeUnit.SECONDS);
            earlyDisconnect.complete(afterBody.isDone());
            send.send(new Message.ResponseBody("done\n".getBytes(StandardCharsets.UTF_8), false));
        };
        App app = App.builder()
                .middleware(peek)
                .routeHandlers(Route.post("/peek", () -> "unused"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            StreamedTestResponse response = client.request("POST", "/peek").text("hello").stream();
            readUntil(response.body(), "waiting\n");
            clientRead.countDown();
            readUntil(response.body(), "done\n");
            response.close();
            assertThat(earlyDisconnect.get(10, TimeUnit.SECONDS))
                    .as("receive returned while the client was there")
                    .isFalse();
            assertThat(afterBody.get(10, TimeUnit.SECONDS)).isInstanceOf(Message.Disconnect.class);
        }
    }

    /** Reads until {@code expected} has arrived at the end of what was read. */
    private static void readUntil(InputStream in, String expected) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(expected)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the body ended before " + expected + "; got " + seen);
            }
            seen.write(b);
        }
    }
}

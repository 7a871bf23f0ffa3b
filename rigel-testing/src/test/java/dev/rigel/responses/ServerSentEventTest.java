package dev.rigel.responses;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.SseEvent;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server-sent events: the wire format, keep-alive comments, and a client that leaves. */
@Timeout(20) // a source that is never stopped would otherwise hang the build
class ServerSentEventTest {

    record Price(String symbol, int cents) {}

    /** Shared with the handlers; each test sets up what it needs. */
    static volatile BlockingQueue<Object> queue;

    static volatile CountDownLatch sourceClosed;
    static final AtomicInteger PULLED = new AtomicInteger();

    /** An endless event source that notes when it is closed. */
    static final class Ticker implements Iterator<SseEvent>, AutoCloseable {
        private int next;

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public SseEvent next() {
            PULLED.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SseEvent.of("tick " + next).withId(Integer.toString(next++));
        }

        @Override
        public void close() {
            sourceClosed.countDown();
        }
    }

    public static class Handlers {
        @Get("/events")
        public ServerSentEvent events() {
            return ServerSentEvent.of(List.of(
                    SseEvent.of("line1\nline2\r\nline3\rline4")
                            .withEvent("update")
                            .withId("7")
                            .withRetry(Duration.ofSeconds(3)),
                    SseEvent.comment("just a comment"),
                    "plain text",
                    new Price("RGL", 1250)));
        }

        @Get("/queue")
        public ServerSentEvent fromQueue() {
            return ServerSentEvent.fromQueue(queue)
                    .keepAlive(Duration.ofMillis(100))
                    .onClose(sourceClosed::countDown);
        }

        @Get("/ticker")
        public ServerSentEvent ticker() {
            return ServerSentEvent.of(new Ticker());
        }
    }

    @BeforeEach
    void reset() {
        queue = new LinkedBlockingQueue<>();
        sourceClosed = new CountDownLatch(1);
        PULLED.set(0);
    }

    private static App app() {
        return App.builder().routeHandlers(new Handlers()).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsEventsInTheWireFormat(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/events");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("text/event-stream");
            assertThat(response.header("cache-control")).isEqualTo("no-cache");
            assertThat(response.header("x-accel-buffering")).isEqualTo("no");
            assertThat(response.header("content-length")).isNull();
            assertThat(response.text()).isEqualTo("""
                    event: update
                    data: line1
                    data: line2
                    data: line3
                    data: line4
                    id: 7
                    retry: 3000

                    : just a comment

                    data: plain text

                    data: {"symbol":"RGL","cents":1250}

                    """);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void queueSourceEndsAtTheEndMarker(Transport transport) throws InterruptedException {
        queue.add(SseEvent.of("one"));
        queue.add("two");
        queue.add(SseEvent.END);
        queue.add(SseEvent.of("never sent"));
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/queue").text()).isEqualTo("data: one\n\ndata: two\n\n");
            assertThat(sourceClosed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void headSendsNoEventsAndClosesTheSource() throws InterruptedException {
        try (TestClient client = TestClient.of(app())) {
            TestResponse response = client.head("/ticker");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(sourceClosed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(PULLED).hasValue(0);
        }
    }

    @Test
    void idleQueueSendsKeepAliveCommentsToARealClient() throws Exception {
        try (Served served = Served.start(app());
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(
                    HttpRequest.newBuilder(served.uri("/queue")).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
            Iterator<String> lines = response.body().iterator();
            // nothing in the queue: the first lines are pings
            assertThat(lines.next()).isEqualTo(": ping");
            assertThat(lines.next()).isEmpty();
            assertThat(lines.next()).isEqualTo(": ping");
            queue.add(SseEvent.of("hello").withEvent("greeting"));
            queue.add(SseEvent.END);
            String line;
            do {
                line = lines.next();
            } while (line.equals(": ping") || line.isEmpty());
            assertThat(line).isEqualTo("event: greeting");
            assertThat(lines.next()).isEqualTo("data: hello");
            assertThat(lines.next()).isEmpty();
            assertThat(lines.hasNext()).isFalse();
            assertThat(sourceClosed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aClientLeavingAPolledStreamClosesTheSource() throws Exception {
        try (Served served = Served.start(app());
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(served.uri("/queue")).build(), HttpResponse.BodyHandlers.ofInputStream());
            queue.add(SseEvent.of("first"));
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = reader.readLine();
                } while (line != null && !line.equals("data: first"));
                assertThat(line).isEqualTo("data: first");
            }
            // the next ping fails to reach the departed client, which ends the stream
            assertThat(sourceClosed.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aClientLeavingAnIteratorStreamClosesTheIterator() throws Exception {
        try (Served served = Served.start(app());
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(served.uri("/ticker")).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo("data: tick 0");
                assertThat(reader.readLine()).isEqualTo("id: 0");
            }
            assertThat(sourceClosed.await(5, TimeUnit.SECONDS)).isTrue();
            int pulled = PULLED.get();
            // once closed, nothing more is taken from the source
            Thread.sleep(200);
            eventually(() -> assertThat(PULLED.get()).isLessThanOrEqualTo(pulled + 1));
        }
    }

    /** A real server on an ephemeral port. */
    record Served(RigelServer server) implements AutoCloseable {
        static Served start(App app) {
            return new Served(new RigelServer(
                            app,
                            ServerConfig.builder()
                                    .host("127.0.0.1")
                                    .port(0)
                                    .shutdownTimeout(Duration.ofSeconds(2))
                                    .build())
                    .start());
        }

        URI uri(String path) {
            return URI.create(server.url() + path);
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}

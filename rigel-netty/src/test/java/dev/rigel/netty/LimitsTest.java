package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the server refuses on its own: oversized or malformed requests, slow and idle clients. */
class LimitsTest {

    private static final String TOO_LARGE = "{\"status_code\":413,\"detail\":\"Request Entity Too Large\"}";

    private static final AtomicInteger calls = new AtomicInteger();
    private static volatile CompletableFuture<Message> streamingEnd = new CompletableFuture<>();

    private static final Application APP = new Application() {
        @Override
        public void call(Scope scope, dev.rigel.protocol.Receive receive, dev.rigel.protocol.Send send)
                throws Exception {
            calls.incrementAndGet();
            if (scope.rawPath().equals("/vt-stream")) {
                // Reads the body chunk by chunk, like an upload handler would.
                Message m;
                do {
                    m = receive.receive();
                } while (m instanceof Message.RequestBody b && b.moreBody());
                streamingEnd.complete(m);
                TestApps.text(send, 200, "read it all");
                return;
            }
            TestApps.ECHO.call(scope, receive, send);
        }

        @Override
        public boolean runsInline(Scope scope) {
            return scope.rawPath().startsWith("/inline");
        }
    };

    private static RigelServer server;

    @BeforeAll
    static void start() {
        server = TestApps.start(
                APP,
                b -> b.maxBodySize(1024)
                        .maxHeaderSize(2048)
                        .maxInitialLineLength(1024)
                        .readTimeout(Duration.ofMillis(400))
                        .idleTimeout(Duration.ofMillis(600)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        calls.set(0);
    }

    @Test
    void rejectsAnnouncedOversizedBodiesBeforeReadingThem() throws Exception {
        for (String path : java.util.List.of("/inline/upload", "/vt-upload")) {
            try (RawHttp http = new RawHttp(server.port())) {
                // Only the head is sent: the answer must come without waiting for the body.
                http.write("POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n");
                long started = System.nanoTime();
                RawHttp.Response response = http.read();

                // Had the server waited for the body, the 400 ms read timeout would have answered 408.
                assertThat(response.status()).isEqualTo(413);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                        .isLessThan(1000);
                assertThat(response.header("content-type")).isEqualTo("application/json");
                assertThat(response.header("connection")).isEqualTo("close");
                assertThat(response.text()).isEqualTo(TOO_LARGE);
                assertThat(http.closedByServer(2000)).isTrue();
            }
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void rejectsAnOversizedExpectContinueWithoutAskingForTheBody() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write(
                    "POST /inline/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(413);
        }
    }

    @Test
    void rejectsAChunkedBodyOnceItGrowsPastTheLimit() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /inline/upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "200\r\n" + "x".repeat(0x200) + "\r\n";
            http.write(chunk + chunk + chunk); // 1536 bytes, never terminated

            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).isEqualTo(TOO_LARGE);
            assertThat(http.closedByServer(2000)).isTrue();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void anApplicationReadingAnOversizedChunkedBodySeesDisconnect() throws Exception {
        streamingEnd = new CompletableFuture<>();
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /vt-stream HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "200\r\n" + "x".repeat(0x200) + "\r\n";
            http.write(chunk);
            Thread.sleep(50);
            http.write(chunk + chunk);

            assertThat(http.read().status()).isEqualTo(413);
            assertThat(streamingEnd.get(2, TimeUnit.SECONDS)).isInstanceOf(Message.Disconnect.class);
        }
    }

    @Test
    void acceptsABodyExactlyAtTheLimit() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /inline/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1024\r\n\r\n" + "y".repeat(1024));
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).contains("body=" + "y".repeat(1024));
        }
    }

    @Test
    void rejectsHugeHeadersWith431() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(4000) + "\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":431,\"detail\":\"Request Header Fields Too Large\"}");
        }
    }

    @Test
    void rejectsAnOverlongRequestLineWith414() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /" + "p".repeat(2000) + " HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(response.text()).isEqualTo("{\"status_code\":414,\"detail\":\"URI Too Long\"}");
        }
    }

    @Test
    void rejectsAMalformedRequestLineWith400() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET / HTTP/1.1 trailing-garbage\r\nHost: t\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("{\"status_code\":400,\"detail\":\"Bad Request\"}");
            assertThat(http.closedByServer(2000)).isTrue();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void rejectsAnUnknownExpectationWith417() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /inline/x HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nExpect: teapot\r\n\r\nx");
            assertThat(http.read().status()).isEqualTo(417);
        }
    }

    @Test
    void answersASlowRequestWith408() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/slow HTTP/1.1\r\nHost: t\r\n"); // the head never ends
            long started = System.nanoTime();
            RawHttp.Response response = http.read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).isEqualTo("{\"status_code\":408,\"detail\":\"Request Timeout\"}");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isBetween(300L, 2000L);
        }
    }

    @Test
    void answersASlowBodyWith408() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /inline/slow HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n01234");
            assertThat(http.read().status()).isEqualTo(408);
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void closesIdleConnections() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/x HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            long started = System.nanoTime();
            assertThat(http.closedByServer(3000)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isGreaterThan(300L);
        }
    }

    @Test
    void idleTimeoutDoesNotCutOffASlowHandler() throws Exception {
        Application slow = (scope, receive, send) -> {
            Thread.sleep(900); // longer than the idle timeout, with no traffic meanwhile
            TestApps.text(send, 200, "done");
        };
        try (RigelServer slowServer = TestApps.start(slow, b -> b.idleTimeout(Duration.ofMillis(300)));
                RawHttp http = new RawHttp(slowServer.port())) {
            http.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("done");
        }
    }
}

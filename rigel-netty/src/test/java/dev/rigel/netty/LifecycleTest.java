package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting and stopping: Lifespan hooks, graceful shutdown, ports and transports. */
class LifecycleTest {

    /** Records its lifecycle; "/slow" takes a while and signals when it has started. */
    private static final class RecordingApp implements Application, Lifespan {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch slowStarted = new CountDownLatch(1);

        @Override
        public void startup() {
            events.add("startup");
        }

        @Override
        public void shutdown() {
            events.add("shutdown");
        }

        @Override
        public void call(Scope scope, Receive receive, Send send) throws Exception {
            events.add("request " + scope.rawPath());
            if (scope.rawPath().equals("/slow")) {
                slowStarted.countDown();
                Thread.sleep(700);
            }
            TestApps.text(send, 200, "done " + scope.rawPath());
            events.add("finished " + scope.rawPath());
        }
    }

    @Test
    void callsLifespanAroundServingAndReportsTheBoundPort() throws Exception {
        RecordingApp app = new RecordingApp();
        RigelServer server =
                new RigelServer(app, ServerConfig.builder().port(0).ioThreads(1).build());
        assertThat(server.port()).isEqualTo(-1);
        server.start();
        try {
            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isPositive();
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(server.transport()).isIn("epoll", "nio");
            try (RawHttp http = new RawHttp(server.port())) {
                http.write("GET /one HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(http.read().text()).isEqualTo("done /one");
            }
        } finally {
            server.stop();
        }
        assertThat(app.events).containsExactly("startup", "request /one", "finished /one", "shutdown");
        assertThat(server.isRunning()).isFalse();
        server.stop(); // idempotent
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void gracefulStopLetsAnInFlightRequestFinishThenRefusesConnections() throws Exception {
        RecordingApp app = new RecordingApp();
        RigelServer server = TestApps.start(app);
        int port = server.port();
        try (RawHttp idle = new RawHttp(port);
                RawHttp busy = new RawHttp(port)) {
            idle.write("GET /warm HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(idle.read().status()).isEqualTo(200);
            busy.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(app.slowStarted.await(2, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

            // The idle keep-alive connection is closed at once...
            assertThat(idle.closedByServer(1000)).isTrue();
            // ...the busy one gets its full response, marked as the last on the connection.
            RawHttp.Response response = busy.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("done /slow");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(busy.closedByServer(1000)).isTrue();

            stopping.get(5, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isLessThan(3000);
        }
        assertThat(app.events).endsWith("finished /slow", "shutdown");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void gracefulStopAlsoDrainsHttp2() throws Exception {
        RecordingApp app = new RecordingApp();
        RigelServer server = TestApps.start(app);
        try (H2Client client = new H2Client(server.port())) {
            CompletableFuture<H2Client.Response> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.get("/slow");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(app.slowStarted.await(2, TimeUnit.SECONDS)).isTrue();
            server.stop();
            assertThat(slow.get(2, TimeUnit.SECONDS).text()).isEqualTo("done /slow");
        }
        assertThat(app.events).endsWith("finished /slow", "shutdown");
    }

    @Test
    void theShutdownTimeoutCutsOffRequestsThatTakeTooLong() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Application stuck = (scope, receive, send) -> {
            started.countDown();
            Thread.sleep(3000);
        };
        RigelServer server = TestApps.start(stuck, b -> b.shutdownTimeout(Duration.ofMillis(300)));
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(started.await(2, TimeUnit.SECONDS)).isTrue();
            long begin = System.nanoTime();
            server.stop();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)).isBetween(250L, 2500L);
            assertThat(http.closedByServer(1000)).isTrue();
        }
    }

    @Test
    void failingToBindReportsTheAddressAndUndoesStartup() throws Exception {
        try (RigelServer first = TestApps.start(TestApps.ECHO)) {
            RecordingApp app = new RecordingApp();
            RigelServer second = new RigelServer(
                    app, ServerConfig.builder().port(first.port()).build());
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
            assertThat(app.events).containsExactly("startup", "shutdown");
        }
    }

    @Test
    void servesWithTheNioTransportToo() throws Exception {
        try (RigelServer server = RigelServer.start(
                        TestApps.ECHO,
                        ServerConfig.builder()
                                .port(0)
                                .ioThreads(1)
                                .nativeTransport(false)
                                .build());
                HttpClient client = HttpClient.newHttpClient()) {
            assertThat(server.transport()).isEqualTo("nio");
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/nio")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("rawPath=/nio");
        }
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThatThrownBy(() -> ServerConfig.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().maxBodySize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.maxBodySize()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.http2()).isTrue();
        assertThat(config.toBuilder().port(0).build().port()).isZero();
    }
}

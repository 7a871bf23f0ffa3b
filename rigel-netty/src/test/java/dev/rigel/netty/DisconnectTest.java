package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After the request body, {@code receive} blocks until the client leaves (HTTP/1: the connection
 * closes; HTTP/2: the stream is reset) or the response is complete, and only then yields
 * Disconnect: what a long response needs to notice a departed client while it has nothing to write.
 */
class DisconnectTest {

    /** What the application's receive after the body returned, and whether the client had left by then. */
    record AfterBody(Message message, boolean clientHadLeft) {}

    private static volatile CompletableFuture<AfterBody> afterBody = new CompletableFuture<>();
    private static volatile CountDownLatch clientLeaving = new CountDownLatch(1);

    private static final Application APP = (scope, receive, send) -> {
        TestApps.readBody(receive);
        if (scope.rawPath().equals("/warm")) {
            TestApps.text(send, 200, "warm");
            return;
        }
        if (scope.rawPath().equals("/hold")) {
            // a long response with nothing more to say for now: wait for the client to go
            CompletableFuture<Message> waiting = receiveInBackground(receive);
            try {
                send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
                send.send(new Message.ResponseBody("started\n".getBytes(StandardCharsets.UTF_8), true));
            } catch (IOException clientAlreadyGone) {
                // the client may read the chunk and leave before this send has returned
            }
            try {
                Message message = waiting.get(10, TimeUnit.SECONDS);
                afterBody.complete(new AfterBody(message, clientLeaving.getCount() == 0));
            } catch (Exception e) {
                afterBody.completeExceptionally(e);
            }
            return; // the response cannot be completed any more; the server drops what is left
        }
        // "/complete": a receive still waiting when the response ends is released;
        // "/complete-two": so are two of them, waiting on threads of their own
        CompletableFuture<Message> waiting = receiveInBackground(receive);
        CompletableFuture<Message> second = scope.rawPath().equals("/complete-two")
                ? receiveInBackground(receive)
                : CompletableFuture.completedFuture(Message.Disconnect.INSTANCE);
        TestApps.text(send, 200, "done");
        try {
            Message first = waiting.get(10, TimeUnit.SECONDS);
            Message other = second.get(10, TimeUnit.SECONDS);
            afterBody.complete(new AfterBody(other instanceof Message.Disconnect ? first : other, false));
        } catch (Exception e) {
            afterBody.completeExceptionally(e);
        }
    };

    /**
     * Calls receive on a thread of its own and returns once that call returned or is parked in
     * it, so whatever the client does afterwards happens while the call waits (if it waits).
     */
    private static CompletableFuture<Message> receiveInBackground(Receive receive) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                result.complete(receive.receive());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        while (!result.isDone() && receiver.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        return result;
    }

    private static RigelServer server;
    /** Reads on demand with NIO, which (unlike epoll) sees a closed socket only when asked to read. */
    private static RigelServer nioServer;

    @BeforeAll
    static void start() {
        server = TestApps.start(APP, b -> {});
        nioServer = TestApps.start(APP, b -> b.nativeTransport(false));
    }

    @AfterAll
    static void stop() {
        server.stop();
        nioServer.stop();
    }

    private static void reset() {
        afterBody = new CompletableFuture<>();
        clientLeaving = new CountDownLatch(1);
    }

    @Test
    void receiveAfterTheBodyWaitsUntilTheConnectionClosesOverHttp1() throws Exception {
        holdAndLeave(server);
    }

    @Test
    void receiveAfterTheBodyWaitsUntilTheConnectionClosesOverHttp1WithNio() throws Exception {
        holdAndLeave(nioServer);
    }

    private static void holdAndLeave(RigelServer server) throws Exception {
        reset();
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /hold HTTP/1.1\r\nHost: t\r\n\r\n");
            http.readUntil("started\n");
            clientLeaving.countDown();
        }
        AfterBody seen = afterBody.get(10, TimeUnit.SECONDS);
        assertThat(seen.message()).isInstanceOf(Message.Disconnect.class);
        assertThat(seen.clientHadLeft())
                .as("receive waited for the client to leave")
                .isTrue();
    }

    @Test
    void receiveAfterTheBodyWaitsUntilTheStreamIsResetOverHttp2() throws Exception {
        reset();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/warm")).build(),
                    HttpResponse.BodyHandlers.discarding()); // upgrade first, so /hold is an h2 stream
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/hold")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            try (InputStream body = response.body()) {
                assertThat(new String(body.readNBytes(8), StandardCharsets.UTF_8))
                        .isEqualTo("started\n");
                clientLeaving.countDown();
            } // closing the body early resets the stream; the connection stays
            AfterBody seen = afterBody.get(10, TimeUnit.SECONDS);
            assertThat(seen.message()).isInstanceOf(Message.Disconnect.class);
            assertThat(seen.clientHadLeft())
                    .as("receive waited for the client to leave")
                    .isTrue();
        }
    }

    @Test
    void aReceiveWaitingWhenTheResponseEndsIsReleasedOverHttp1() throws Exception {
        reset();
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.write("GET /complete HTTP/1.1\r\nHost: t\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("done");
            assertThat(afterBody.get(10, TimeUnit.SECONDS).message()).isInstanceOf(Message.Disconnect.class);
        }
    }

    @Test
    void aReceiveWaitingWhenTheResponseEndsIsReleasedOverHttp2() throws Exception {
        reset();
        try (H2Client client = new H2Client(server.port())) {
            assertThat(client.get("/complete").text()).isEqualTo("done");
            assertThat(afterBody.get(10, TimeUnit.SECONDS).message()).isInstanceOf(Message.Disconnect.class);
        }
    }

    @Test
    void everyReceiveWaitingWhenTheResponseEndsIsReleased() throws Exception {
        reset();
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.write("GET /complete-two HTTP/1.1\r\nHost: t\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("done");
            assertThat(afterBody.get(15, TimeUnit.SECONDS).message()).isInstanceOf(Message.Disconnect.class);
        }
        reset();
        try (H2Client client = new H2Client(server.port())) {
            assertThat(client.get("/complete-two").text()).isEqualTo("done");
            assertThat(afterBody.get(15, TimeUnit.SECONDS).message()).isInstanceOf(Message.Disconnect.class);
        }
    }
}

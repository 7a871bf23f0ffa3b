package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies larger than any buffer, in both directions, with a slow consumer on the other side:
 * reading must pause and resume, writing must wait for the socket, and nothing may be lost.
 */
class StreamingTest {

    private static final int UPLOAD = 6 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 100;

    private static volatile CompletableFuture<Object> disconnectSeen = new CompletableFuture<>();

    private static final Application APP = (scope, receive, send) -> {
        if (scope.rawPath().equals("/endless")) {
            // Streams until the client goes away: Send must then fail.
            send.send(new Message.ResponseStart(200, new Headers()));
            try {
                while (true) {
                    send.send(new Message.ResponseBody(new byte[8192], true));
                }
            } catch (IOException expected) {
                disconnectSeen.complete(expected);
            }
            return;
        }
        if (scope.rawPath().startsWith("/wait-for-body")) {
            // The client announces a body, sends part of it and leaves: Receive must say so.
            Message m;
            do {
                m = receive.receive();
            } while (m instanceof Message.RequestBody b && b.moreBody());
            disconnectSeen.complete(m);
            return;
        }
        if (scope.rawPath().equals("/download")) {
            send.send(new Message.ResponseStart(200, Headers.of("content-type", "application/octet-stream")));
            byte[] chunk = new byte[CHUNK];
            for (int i = 0; i < CHUNKS; i++) {
                Arrays.fill(chunk, (byte) i);
                send.send(new Message.ResponseBody(chunk.clone(), true));
            }
            send.send(Message.ResponseBody.EMPTY_LAST);
            return;
        }
        // "/upload": a slow reader, so the body queue fills up and reading has to pause.
        long total = 0;
        long checksum = 0;
        int messages = 0;
        while (true) {
            Message m = receive.receive();
            if (!(m instanceof Message.RequestBody chunk)) {
                break;
            }
            if (messages++ < 5) {
                Thread.sleep(40);
            }
            total += chunk.body().length;
            for (byte b : chunk.body()) {
                checksum += b & 0xff;
            }
            if (!chunk.moreBody()) {
                break;
            }
        }
        TestApps.text(send, 200, total + "/" + checksum);
    };

    private static RigelServer server;
    private static byte[] upload;
    private static long uploadChecksum;

    @BeforeAll
    static void start() {
        server = TestApps.start(APP, b -> b.maxBodySize(UPLOAD));
        upload = new byte[UPLOAD];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) (i * 31);
            uploadChecksum += upload[i] & 0xff;
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void uploadsALargeBodyToASlowReaderOverHttp1() throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/upload"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo(UPLOAD + "/" + uploadChecksum);
        }
    }

    @Test
    void uploadsALargeBodyToASlowReaderOverHttp2() throws Exception {
        try (H2Client client = new H2Client(server.port())) {
            H2Client.Response response = client.request("POST", "/upload", upload);
            assertThat(response.text()).isEqualTo(UPLOAD + "/" + uploadChecksum);
        }
    }

    @Test
    void streamsALargeResponseToASlowClientOverHttp1() throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/download"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertDownload(response.body());
        }
    }

    @Test
    void streamsALargeResponseToASlowClientOverHttp2() throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/warm")).build(),
                    HttpResponse.BodyHandlers.discarding()); // upgrade first, so the download is an h2 stream
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/download"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertDownload(response.body());
        }
    }

    @Test
    void sendFailsOnceTheClientIsGone() throws Exception {
        disconnectSeen = new CompletableFuture<>();
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /endless HTTP/1.1\r\nHost: t\r\n\r\n");
            Thread.sleep(100);
        }
        assertThat(disconnectSeen.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    @Test
    void receiveReportsDisconnectWhenTheClientLeavesMidBody() throws Exception {
        disconnectSeen = new CompletableFuture<>();
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /wait-for-body HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part");
            Thread.sleep(100);
        }
        assertThat(disconnectSeen.get(5, TimeUnit.SECONDS)).isInstanceOf(Message.Disconnect.class);
    }

    @Test
    void http2StreamResetReachesTheApplication() throws Exception {
        disconnectSeen = new CompletableFuture<>();
        try (H2Client client = new H2Client(server.port())) {
            client.startRequest("POST", "/wait-for-body-then-reset", "content-length", "100");
            Thread.sleep(100);
        } // closing the connection ends the stream without its body
        assertThat(disconnectSeen.get(5, TimeUnit.SECONDS)).isInstanceOf(Message.Disconnect.class);
    }

    private static void assertDownload(InputStream in) throws Exception {
        try (in) {
            Thread.sleep(200); // let the server run into a full socket
            byte[] all = in.readAllBytes();
            assertThat(all).hasSize(CHUNK * CHUNKS);
            for (int i = 0; i < CHUNKS; i++) {
                assertThat(all[i * CHUNK]).isEqualTo((byte) i);
                assertThat(all[i * CHUNK + CHUNK - 1]).isEqualTo((byte) i);
            }
        }
    }
}

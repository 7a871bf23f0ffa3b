package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many streams on one HTTP/2 connection: each answered on its own, whether its handler runs on the
 * event loop or a virtual thread, and a stream that has to wait for the client's window holds
 * back its own producer but no other stream.
 */
class Http2StreamsTest {

    private static final int CHUNK = 4096;
    private static final int CHUNKS = 8;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

    /** Chunks of {@code /big} whose send returned, i.e. that the server took from the application. */
    private static final AtomicInteger bigChunksTaken = new AtomicInteger();

    private static final Application APP = new Application() {
        @Override
        public void call(Scope scope, Receive receive, Send send) throws Exception {
            if (scope.rawPath().equals("/big")) {
                send.send(new Message.ResponseStart(200, Headers.of("content-type", "application/octet-stream")));
                for (int i = 0; i < CHUNKS; i++) {
                    send.send(new Message.ResponseBody(new byte[CHUNK], true));
                    bigChunksTaken.incrementAndGet();
                }
                send.send(Message.ResponseBody.EMPTY_LAST);
            } else {
                TestApps.text(send, 200, scope.rawPath());
            }
        }

        @Override
        public boolean runsInline(Scope scope) {
            return scope.rawPath().startsWith("/inline");
        }
    };

    private static RigelServer server;

    @BeforeAll
    static void start() {
        server = TestApps.start(APP);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * 200 requests in one burst, half answered on the event loop during the read, half from
     * virtual threads afterwards: every response goes out (writes from outside the read are
     * flushed too) and each on its own stream.
     */
    @Test
    void answersManyConcurrentStreamsOnOneConnectionEachWithItsOwnResponse() throws Exception {
        int streams = 200; // below the 256 concurrent streams the server allows
        try (RawH2 h2 = new RawH2(server.port())) {
            for (int i = 0; i < streams; i++) {
                int id = 2 * i + 1;
                h2.headers(id, "GET", path(id), true);
            }
            h2.flush();
            Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
            Set<Integer> ended = new HashSet<>();
            while (ended.size() < streams) {
                RawH2.Frame frame = h2.read();
                switch (frame.type()) {
                    case RawH2.DATA -> {
                        bodies.computeIfAbsent(frame.streamId(), id -> new ByteArrayOutputStream())
                                .writeBytes(frame.payload());
                        if ((frame.flags() & RawH2.END_STREAM) != 0) {
                            ended.add(frame.streamId());
                        }
                    }
                    case RawH2.RST_STREAM, RawH2.GOAWAY -> fail("unexpected " + frame);
                    default -> {}
                }
            }
            for (int i = 0; i < streams; i++) {
                int id = 2 * i + 1;
                assertThat(bodies.get(id).toString(StandardCharsets.UTF_8)).isEqualTo(path(id));
            }
        }
    }

    private static String path(int streamId) {
        return (streamId % 4 == 1 ? "/inline/" : "/vt/") + streamId;
    }

    /**
     * The client gives each stream a 1 KiB window and does not open it: {@code /big} gets 1 KiB
     * out and its handler waits in its first send instead of running through all its chunks into
     * memory, while another stream on the connection is answered. Opening the window lets the
     * rest flow.
     */
    @Test
    void aStreamWaitingForTheClientsWindowHoldsBackItsProducerButNoOtherStream() throws Exception {
        bigChunksTaken.set(0);
        try (RawH2 h2 = new RawH2(server.port())) {
            h2.frame(RawH2.SETTINGS, 0, 0, setting(SETTINGS_INITIAL_WINDOW_SIZE, 1024));
            h2.headers(1, "GET", "/big", true).flush();
            int bigReceived = 0;
            while (bigReceived < 1024) {
                RawH2.Frame frame = h2.read();
                if (frame.type() == RawH2.DATA && frame.streamId() == 1) {
                    bigReceived += frame.payload().length;
                }
            }
            assertThat(bigReceived).isEqualTo(1024);
            Thread.sleep(300); // time for a handler that is not held back to run through its chunks
            assertThat(bigChunksTaken.get()).isLessThanOrEqualTo(1);

            h2.headers(3, "GET", "/vt/other", true).flush();
            ByteArrayOutputStream other = new ByteArrayOutputStream();
            boolean otherEnded = false;
            while (!otherEnded) {
                RawH2.Frame frame = h2.read();
                if (frame.type() == RawH2.DATA && frame.streamId() == 1) {
                    fail("DATA on stream 1 beyond its window");
                }
                if (frame.type() == RawH2.DATA && frame.streamId() == 3) {
                    other.writeBytes(frame.payload());
                    otherEnded = (frame.flags() & RawH2.END_STREAM) != 0;
                }
            }
            assertThat(other.toString(StandardCharsets.UTF_8)).isEqualTo("/vt/other");

            h2.windowUpdate(1, CHUNK * CHUNKS).flush();
            boolean bigEnded = false;
            while (!bigEnded) {
                RawH2.Frame frame = h2.read();
                if (frame.type() == RawH2.DATA && frame.streamId() == 1) {
                    bigReceived += frame.payload().length;
                    bigEnded = (frame.flags() & RawH2.END_STREAM) != 0;
                }
            }
            assertThat(bigReceived).isEqualTo(CHUNK * CHUNKS);
            assertThat(bigChunksTaken.get()).isEqualTo(CHUNKS);
        }
    }

    private static byte[] setting(int id, int value) {
        return ByteBuffer.allocate(6).putShort((short) id).putInt(value).array();
    }
}

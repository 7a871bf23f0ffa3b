package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 clients that break the protocol get the error code RFC 9113 names for what they did,
 * in a GOAWAY (connection errors) or RST_STREAM (stream errors), and the server logs no warning.
 */
class Http2ErrorsTest {

    /** Lets {@code /hold} requests go once the tests are over. */
    private static final CountDownLatch release = new CountDownLatch(1);

    /** {@code /hold} never reads its body, so the server stops taking it and the stream window runs out. */
    private static final Application APP = (scope, receive, send) -> {
        if (scope.rawPath().equals("/hold")) {
            release.await(10, TimeUnit.SECONDS);
        }
        TestApps.text(send, 200, "ok");
    };

    private static RigelServer server;

    @BeforeAll
    static void start() {
        server = TestApps.start(APP, b -> b.maxBodySize(64L * 1024 * 1024));
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop();
    }

    /** CVE-2023-44487: streams opened and reset at once, faster than any application can answer. */
    @Test
    void aRapidResetStormIsAGoAwayWithEnhanceYourCalm() throws Exception {
        try (LogCapture log = new LogCapture();
                RawH2 h2 = new RawH2(server.port())) {
            for (int stream = 1; stream < 2 * 400; stream += 2) {
                h2.headers(stream, "GET", "/", true).rstStream(stream, RawH2.CANCEL);
            }
            h2.flush();
            assertThat(h2.await(RawH2.GOAWAY, 0).errorCode()).isEqualTo(RawH2.ENHANCE_YOUR_CALM);
            assertThat(h2.closedByServer()).isTrue();
            assertThat(log.warnings()).isEmpty();
        }
    }

    /**
     * RFC 9113 6.9.1: DATA past the connection's window. Eight streams that never read their
     * bodies share it, so together they run it out long before any one runs out its own window.
     * Netty alone logs an ERROR at close for this (its books count the refused frame twice).
     */
    @Test
    void dataBeyondTheConnectionWindowIsAGoAwayWithFlowControlError() throws Exception {
        try (LogCapture log = new LogCapture()) {
            try (RawH2 h2 = new RawH2(server.port())) {
                int[] streams = {1, 3, 5, 7, 9, 11, 13, 15};
                for (int stream : streams) {
                    h2.headers(stream, "POST", "/hold", false);
                }
                byte[] chunk = new byte[16 * 1024];
                for (int round = 0; round < 32; round++) { // 4 MiB in all, 512 KiB a stream
                    for (int stream : streams) {
                        h2.frame(RawH2.DATA, 0, stream, chunk);
                    }
                }
                Thread writer = sendInBackground(h2);
                assertThat(h2.await(RawH2.GOAWAY, 0).errorCode()).isEqualTo(RawH2.FLOW_CONTROL_ERROR);
                assertThat(h2.closedByServer()).isTrue();
                writer.join(5000);
            }
            // the server closes the streams once the client is gone
            assertThat(log.warningsOnceSettled()).isEmpty();
        }
    }

    /**
     * RFC 9113 6.9.1: DATA past one stream's window, while the connection's has room, is a
     * stream error: that stream is reset and the connection goes on serving.
     */
    @Test
    void dataBeyondAStreamWindowResetsTheStreamWithFlowControlError() throws Exception {
        try (LogCapture log = new LogCapture()) {
            try (RawH2 h2 = new RawH2(server.port())) {
                h2.headers(1, "POST", "/hold", false);
                byte[] chunk = new byte[16 * 1024];
                for (int i = 0; i < 64; i++) { // 1 MiB on one stream
                    h2.frame(RawH2.DATA, 0, 1, chunk);
                }
                Thread writer = sendInBackground(h2);
                assertThat(h2.await(RawH2.RST_STREAM, 1).errorCode()).isEqualTo(RawH2.FLOW_CONTROL_ERROR);
                writer.join(5000);
                h2.headers(3, "GET", "/", true).flush();
                assertThat(h2.await(RawH2.HEADERS, 3)).isNotNull();
            }
            // the server closes the streams once the client is gone
            assertThat(log.warningsOnceSettled()).isEmpty();
        }
    }

    /** Sends what is buffered from another thread: the server may stop reading before it is all out. */
    private static Thread sendInBackground(RawH2 h2) {
        return Thread.ofVirtual().start(() -> {
            try {
                h2.flush();
            } catch (java.io.IOException closed) {
                // expected once the server gave up on the connection
            }
        });
    }

    /** RFC 9113 6.9.1: a WINDOW_UPDATE that takes a stream's send window past 2^31-1 is a stream error. */
    @Test
    void aStreamWindowOverflowResetsTheStreamWithFlowControlError() throws Exception {
        try (LogCapture log = new LogCapture();
                RawH2 h2 = new RawH2(server.port())) {
            h2.headers(1, "POST", "/hold", false)
                    .windowUpdate(1, Integer.MAX_VALUE)
                    .flush();
            assertThat(h2.await(RawH2.RST_STREAM, 1).errorCode()).isEqualTo(RawH2.FLOW_CONTROL_ERROR);
            // only the stream is gone: the connection still serves
            h2.headers(3, "GET", "/", true).flush();
            assertThat(h2.await(RawH2.HEADERS, 3)).isNotNull();
            assertThat(log.warnings()).isEmpty();
        }
    }

    /** RFC 9113 6.9.1: a WINDOW_UPDATE that takes the connection window past 2^31-1. */
    @Test
    void aConnectionWindowOverflowIsAGoAwayWithFlowControlError() throws Exception {
        try (LogCapture log = new LogCapture();
                RawH2 h2 = new RawH2(server.port())) {
            h2.windowUpdate(0, Integer.MAX_VALUE).flush();
            assertThat(h2.await(RawH2.GOAWAY, 0).errorCode()).isEqualTo(RawH2.FLOW_CONTROL_ERROR);
            assertThat(h2.closedByServer()).isTrue();
            assertThat(log.warnings()).isEmpty();
        }
    }

    /** RFC 9113 6.1: DATA must belong to a stream; on stream 0 it is a connection PROTOCOL_ERROR. */
    @Test
    void dataOnStreamZeroIsAGoAwayWithProtocolError() throws Exception {
        try (LogCapture log = new LogCapture();
                RawH2 h2 = new RawH2(server.port())) {
            h2.frame(RawH2.DATA, 0, 0, new byte[] {1, 2, 3}).flush();
            assertThat(h2.await(RawH2.GOAWAY, 0).errorCode()).isEqualTo(RawH2.PROTOCOL_ERROR);
            assertThat(h2.closedByServer()).isTrue();
            assertThat(log.warnings()).isEmpty();
        }
    }
}

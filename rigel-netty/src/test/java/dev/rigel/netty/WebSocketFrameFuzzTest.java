package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.annotation.WebSocketListener;
import dev.rigel.protocol.Message;
import jakarta.validation.constraints.NotBlank;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;

/**
 * The server's WebSocket frame handling, on a real connection: after a normal handshake the
 * input's bytes go to the server as they are (frames the fuzzer builds, well-formed or not,
 * masked or not, with or without permessage-deflate), followed by a client close. The server
 * may answer and close with any code an endpoint may send (a protocol error's 1002, 1007, 1009,
 * the listener's 4500, or the code of the client's own close, echoed), but it must log no error
 * and no unexpected error (a 1011 or an "Internal Server Error" close, which the client may not
 * see when its own close wins the race), and it must still accept and echo on a fresh connection.
 *
 * <p>The first input byte picks the setup: bit 0 offers permessage-deflate, bit 1 the listener
 * ({@code String} echo or a validated record).
 */
class WebSocketFrameFuzzTest {

    record Greeting(@NotBlank String name) {}

    public static class Listeners extends Controller {
        public Listeners() {
            super("/frames");
        }

        @WebSocketListener("/echo")
        public String echo(String data) {
            return data;
        }

        @WebSocketListener("/greet")
        public String greet(Greeting data) {
            return "hello " + data.name();
        }
    }

    private static final RigelServer SERVER = TestApps.start(
            App.builder().routeHandlers(new Listeners()).build(),
            b -> b.webSocketMaxFrameSize(4096).webSocketMaxMessageSize(8192));

    /**
     * What anything logs (Rigel, the server, Netty): an unexpected error is logged where the client may never see
     * it (the server's 1011 can lose the race with the client's own close), so the log is checked too.
     */
    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

    static {
        LOGGED.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGGED);
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGGED);
    }

    @FuzzTest
    void survivesAnyFrames(byte[] data) throws IOException {
        // the target's own connections go to the server on loopback; Jazzer's SSRF detector (on
        // while fuzzing) would otherwise report the first one
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, port) -> port == SERVER.port())) {
            exchange(data);
        }
    }

    private static void exchange(byte[] data) throws IOException {
        int setup = data.length == 0 ? 0 : data[0];
        byte[] frames = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        String path = (setup & 2) == 0 ? "/frames/echo" : "/frames/greet";
        String[] extensions =
                (setup & 1) == 0 ? new String[0] : new String[] {"Sec-WebSocket-Extensions: permessage-deflate"};
        try (RawWebSocket socket = RawWebSocket.connect(SERVER.port(), path, extensions)) {
            assertThat(socket.status).isEqualTo(101);
            try {
                socket.sendRaw(frames);
                socket.sendClose(1000, "");
            } catch (SocketException closedEarly) {
                // the server closed on what came first (a protocol error): what it sent is read below
            }
            socket.timeout(300); // a frame cut short leaves the server waiting for the rest, which is fine
            try {
                while (true) {
                    RawWebSocket.Frame frame = socket.read();
                    if (frame.opcode() == RawWebSocket.CLOSE) {
                        // the server echoes a client's close code, so any code an endpoint may send can
                        // come back; its own failures (1011, 4500 "Internal Server Error") are in the log
                        int code = frame.closeCode();
                        assertThat(code == 1005 || Message.WebSocketClose.sendable(code))
                                .as("close code %d", code)
                                .isTrue();
                        break;
                    }
                }
            } catch (SocketTimeoutException | EOFException | SocketException endOrWaiting) {
                // still waiting for the rest of a frame, or closed without a close frame (after one of ours)
            }
        }
        try (RawWebSocket fresh = RawWebSocket.connect(SERVER.port(), "/frames/echo")) {
            assertThat(fresh.status).as("a fresh handshake").isEqualTo(101);
            fresh.sendText("still here");
            assertThat(fresh.read().text()).isEqualTo("still here");
        }
        List<ILoggingEvent> unexpected;
        synchronized (LOGGED.list) {
            unexpected = LOGGED.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)
                            || event.getFormattedMessage().contains("unexpected error"))
                    .toList();
            LOGGED.list.clear();
        }
        assertThat(unexpected)
                .as("errors logged by the server")
                .extracting(event -> event.getFormattedMessage() + " "
                        + (event.getThrowableProxy() == null
                                ? ""
                                : event.getThrowableProxy().getMessage()))
                .isEmpty();
    }
}

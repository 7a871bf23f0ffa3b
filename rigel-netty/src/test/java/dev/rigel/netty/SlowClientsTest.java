package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections without finishing requests (slowloris), and clients that open
 * too many: the header-read timeout and the per-address connection cap.
 */
class SlowClientsTest {

    private static final String HEAD = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n";

    private static final Application APP = TestApps.ECHO;

    /** Heads get 300 ms, whole requests 3 s. */
    private static RigelServer server;

    @BeforeAll
    static void start() {
        server = TestApps.start(
                APP, b -> b.headerReadTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aHeadThatStallsIs408AfterTheHeaderTimeoutNotTheReadTimeout() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /echo HTTP/1.1\r\nHost: t\r\n"); // the head never ends
            long started = System.nanoTime();
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).isEqualTo("{\"status_code\":408,\"detail\":\"Request Timeout\"}");
            assertThat(millisSince(started)).isBetween(250L, 1500L);
            assertThat(http.closedByServer(2000)).isTrue();
        }
    }

    @Test
    void aTrickledHeadDoesNotRestartTheClock() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            long started = System.nanoTime();
            // a byte every 50 ms for 3 s: steady progress, never a whole head
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 60; i++) {
                        http.write(i == 0 ? "GET /echo HTTP/1.1\r\nHost: t\r\nX-A: " : "a");
                        Thread.sleep(50);
                    }
                } catch (java.io.IOException | InterruptedException closedMeanwhile) {
                    // the server gave up on the head
                }
            });
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(millisSince(started)).isBetween(250L, 1500L);
            trickle.interrupt();
            trickle.join(5000);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            long started = System.nanoTime();
            assertThat(http.closedByServer(2000)).isTrue(); // EOF, no 408 first
            assertThat(millisSince(started)).isBetween(250L, 1500L);
        }
    }

    @Test
    void aSlowBodyIsTheReadTimeoutsBusinessAndTheQuietBetweenRequestsTheIdleTimeouts() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write(HEAD);
            for (char c : "hello".toCharArray()) { // 1 s for the body: past the header timeout, within the read timeout
                Thread.sleep(200);
                http.write(String.valueOf(c));
            }
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).contains("body=hello");
            Thread.sleep(600); // kept alive, quiet for longer than the header timeout
            http.write(HEAD + "again");
            assertThat(http.read().text()).contains("body=again");
        }
    }

    @Test
    void connectionsBeyondThePerAddressCapAreClosedAndClosingOneFreesASlot() throws Exception {
        try (RigelServer capped = TestApps.start(APP, b -> b.maxConnectionsPerAddress(3))) {
            List<RawHttp> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawHttp http = new RawHttp(capped.port());
                    open.add(http);
                    http.write(HEAD + "first");
                    assertThat(http.read().status()).isEqualTo(200);
                }
                try (RawHttp fourth = new RawHttp(capped.port())) {
                    assertThat(fourth.closedByServer(2000)).isTrue();
                }
                for (RawHttp http : open) { // the first three are unaffected
                    http.write(HEAD + "again");
                    assertThat(http.read().text()).contains("body=again");
                }
                open.removeFirst().close();
                // the server counts the slot free once it has seen the close
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (true) {
                    try (RawHttp next = new RawHttp(capped.port())) {
                        next.write(HEAD + "freed");
                        assertThat(next.read().text()).contains("body=freed");
                        break;
                    } catch (java.io.IOException refused) {
                        assertThat(System.nanoTime()).as("a slot frees up").isLessThan(deadline);
                        Thread.sleep(50);
                    }
                }
            } finally {
                for (RawHttp http : open) {
                    http.close();
                }
            }
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}

package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21: with keep-alive clients under load, 10-30% of the requests sent after a stop got no
 * response at all. Every request a client managed to send must be answered: the ones already
 * received (with {@code Connection: close}), the ones in flight (up to the drain timeout); only
 * then may connections close. A connection the server refuses to open loses nothing: no request
 * was sent on it.
 */
class ShutdownUnderLoadTest {

    static final int CLIENTS = 64;

    /** Handlers that take 0-3 ms (on virtual threads) or none (inline), so stops land mid-request. */
    static final class Work implements Application {
        private final boolean inline;

        Work(boolean inline) {
            this.inline = inline;
        }

        @Override
        public boolean runsInline(Scope scope) {
            return inline;
        }

        @Override
        public void call(Scope scope, Receive receive, Send send) throws Exception {
            TestApps.readBody(receive);
            if (!inline) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(3_000_000));
            }
            TestApps.text(send, 200, "done " + scope.path());
        }
    }

    /** What the clients saw. */
    static final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong closeAnswers = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        /** Clients that have had a first answer: connected, and past the server's accept. */
        final java.util.concurrent.CountDownLatch serving = new java.util.concurrent.CountDownLatch(CLIENTS);

        final List<String> losses = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    /**
     * One keep-alive client: sends a request, reads the whole response, and again; reconnects after a
     * {@code Connection: close}; stops when the server refuses the connection.
     */
    static void client(int port, Tally tally, long untilNanos) {
        while (System.nanoTime() < untilNanos) {
            Socket socket;
            try {
                socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(15_000);
            } catch (ConnectException refused) {
                return; // the server is gone: nothing was sent, nothing lost
            } catch (IOException e) {
                return;
            }
            try (socket) {
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                boolean open = true;
                int onThisConnection = 0;
                while (open && System.nanoTime() < untilNanos) {
                    String path = "/r" + ThreadLocalRandom.current().nextInt(1000);
                    try {
                        out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // the server closed before the request could go out: RST on a closed
                        // socket means the bytes were not taken; treat as not sent
                        break;
                    }
                    tally.sent.incrementAndGet();
                    onThisConnection++;
                    try {
                        Response response = Response.read(in);
                        if (response == null) {
                            tally.lost.incrementAndGet();
                            tally.losses.add("EOF before any byte of the response to " + path + " (request "
                                    + onThisConnection + " on its connection)");
                            break;
                        }
                        assertThat(response.body).isEqualTo("done " + path);
                        if (tally.answered.incrementAndGet() > 0 && onThisConnection == 1) {
                            tally.serving.countDown();
                        }
                        if (response.close) {
                            tally.closeAnswers.incrementAndGet();
                            open = false;
                        }
                    } catch (IOException e) {
                        tally.lost.incrementAndGet();
                        tally.losses.add(e + " waiting for the response to " + path + " (request " + onThisConnection
                                + " on its connection)");
                        break;
                    }
                }
            } catch (IOException ignored) {
                // closing failed: nothing to count
            }
        }
    }

    /** A response read to its end by Content-Length. */
    record Response(int status, boolean close, String body) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                return null;
            }
            int length = 0;
            boolean close = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("response body cut short");
            }
            return new Response(
                    Integer.parseInt(statusLine.split(" ")[1]), close, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            if (line.size() > 0) {
                throw new IOException("connection closed in the middle of a response head");
            }
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void noRequestIsLostWhenTheServerStopsUnderLoad(boolean inline) throws Exception {
        RigelServer server = TestApps.start(new Work(inline), b -> b.shutdownTimeout(Duration.ofSeconds(10)));
        int port = server.port();
        Tally tally = new Tally();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().start(() -> client(port, tally, until)));
        }
        // Every client connected and served once: the stop meets keep-alive connections under load.
        // (A connection still in the kernel's accept queue when the listener closes is reset by
        // the kernel; only not accepting new connections before the stop, which is the job of
        // readiness, avoids that.)
        assertThat(tally.serving.await(20, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        Thread.sleep(200);
        long sentBeforeStop = tally.sent.get();
        server.stop();
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30));
        }
        assertThat(sentBeforeStop).as("load before the stop").isGreaterThan(100);
        assertThat(tally.losses).as("requests sent but never answered").isEmpty();
        assertThat(tally.lost.get()).isZero();
        assertThat(tally.answered.get()).isEqualTo(tally.sent.get());
        // connections that were busy at the stop were told to close, not cut off
        assertThat(tally.closeAnswers.get()).isPositive();
    }
}

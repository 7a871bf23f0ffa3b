package dev.rigel.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a Rigel process under load that gets SIGTERM (what Kubernetes, Docker and systemd
 * send) drops nothing. Readiness answers 503 at once while everything else is still served for
 * the grace period, then the listener closes, every request sent before the drain began is
 * answered (2xx), the app's shutdown hooks run and the process exits with status 0. After the
 * grace period a kept-alive connection that stays quiet for 500 ms is closed, and a request that
 * crosses that close is the idle-close race an HTTP client retries (RFC 9112 9.3.1); such races
 * need a client starved for half a second, which a loaded machine can do, so they are counted
 * apart from losses.
 */
class SigtermTest {

    static final int CLIENTS = 64;
    static final long GRACE_MILLIS = 1_500;

    @Test
    void sigtermUnderLoadDropsNothingTurnsReadinessDownAndExitsZero() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DrainingServerMain.class.getName(),
                        Long.toString(GRACE_MILLIS))
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> readOutput(process, output, port));
        try {
            run(port.get(20, TimeUnit.SECONDS), process, output, reader);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void run(int port, Process process, List<String> output, Thread reader) throws Exception {
        LoadClient.Tally tally = new LoadClient.Tally(CLIENTS, TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS));
        long until = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().start(() -> LoadClient.run(port, "/work", tally, until)));
        }
        assertThat(tally.serving.await(15, TimeUnit.SECONDS))
                .as("every client served once")
                .isTrue();
        Thread.sleep(300);
        long sentBeforeSignal = tally.sent.get();

        List<Integer> readiness = new CopyOnWriteArrayList<>();
        List<String> readinessBodies = new CopyOnWriteArrayList<>();
        long signalled = System.nanoTime();
        tally.signalledNanos = signalled;
        // SIGTERM; through the handle, since Process.destroy() also closes our end of its output
        assertThat(process.toHandle().destroy()).isTrue();
        Thread prober = Thread.ofVirtual().start(() -> probe(port, readiness, readinessBodies));

        assertThat(process.waitFor(20, TimeUnit.SECONDS))
                .as("the process exits")
                .isTrue();
        long exitedAfter = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(20));
        }
        prober.join(Duration.ofSeconds(5));
        reader.join(Duration.ofSeconds(5)); // the last lines may still be in the pipe

        // for the test's output file: what the clients met after the signal
        System.out.printf(
                "sent %d (%d before the signal), answered %d, idle-close races %s, readiness %s%n",
                tally.sent.get(), sentBeforeSignal, tally.answered.get(), tally.raced, readiness);
        assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
        assertThat(output).contains("LIFESPAN SHUTDOWN");
        assertThat(sentBeforeSignal).as("load before the signal").isGreaterThan(100);
        assertThat(tally.losses).as("requests sent but never answered").isEmpty();
        // at most one per connection, after the grace period (retried, then refused: not accepted)
        assertThat(tally.raced).as("idle-close races after the drain began").hasSizeLessThanOrEqualTo(CLIENTS);
        assertThat(tally.answered.get()).isEqualTo(tally.sent.get() - tally.raced.size());
        assertThat(tally.not2xx.get()).as("answers other than 2xx").isZero();
        // the listener stayed open for the grace period: the load went on being served
        assertThat(exitedAfter).isGreaterThanOrEqualTo(GRACE_MILLIS);
        assertThat(tally.sent.get() - sentBeforeSignal)
                .as("served during the grace period")
                .isGreaterThan(100);
        // readiness: 503 (draining) once the signal is handled, never 200 again
        assertThat(readiness).contains(503);
        assertThat(readiness.subList(readiness.indexOf(503), readiness.size())).containsOnly(503);
        assertThat(readinessBodies).anySatisfy(body -> assertThat(body).contains("\"draining\":true"));
        // liveness and the summary's 503 come from the health plugin's routes, served until the end
    }

    /** Asks for readiness every 50 ms until the server refuses the connection. */
    private static void probe(int port, List<Integer> statuses, List<String> bodies) {
        while (true) {
            try {
                LoadClient.Response response = LoadClient.once(port, "/health/ready");
                if (response == null) {
                    return;
                }
                statuses.add(response.status());
                bodies.add(response.body());
                Thread.sleep(50);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static void readOutput(Process process, List<String> output, CompletableFuture<Integer> port) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).trim()));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        port.completeExceptionally(new IllegalStateException("the server printed no port: " + output));
    }
}

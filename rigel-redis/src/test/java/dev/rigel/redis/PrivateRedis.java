package dev.rigel.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of one test's own, on an ephemeral port in a temporary directory, with no
 * persistence. Outage tests kill it and start it again on the same port; the machine's shared
 * Redis, which other test runs use at the same time, is never touched. Published in rigel-redis's
 * test-jar so other modules' outage tests (the seed app's) use it too.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";

    private final Path directory;
    private final int port;
    private Process process;

    private PrivateRedis(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server on a free port; fails when it does not answer PING within 10 s. */
    public static PrivateRedis start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("rigel-private-redis-");
        IOException last = null;
        // the free port we picked may be taken by someone else before redis-server binds it
        for (int attempt = 0; attempt < 5; attempt++) {
            PrivateRedis redis = new PrivateRedis(directory, freePort());
            try {
                redis.restart();
                return redis;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code redis://127.0.0.1:port/0}. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Kills the server (SIGKILL, as a crash): its clients' connections drop at once. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Stops the process without killing it (SIGSTOP): connections stay open, nothing answers. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen server run again (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Starts the server (again) on the same port, empty, and waits until it answers PING. */
    public void restart() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(List.of(
                        BINARY,
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        directory.toString()))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ping()) {
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited: "
                        + Files.readString(directory.resolve("redis.log")));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IOException("redis-server on port " + port + " did not answer PING within 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            thaw(); // a frozen process does not die of SIGKILL until it runs again on some systems
        }
        kill();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package dev.rigel.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the Redis server on this machine, the way the CI script starts it. Other test
 * runs use that server too, so a test that stops it must restart it in a {@code finally} block and
 * keep the outage to a few seconds.
 */
final class LocalRedis {

    private LocalRedis() {}

    static void shutdown() throws Exception {
        run(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"));
        awaitPing(false);
    }

    static void start() throws Exception {
        if (ping()) {
            return;
        }
        Files.createDirectories(Path.of("/var/lib/redis"));
        Files.createDirectories(Path.of("/var/log/redis"));
        run(List.of(
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "-::1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                "/var/lib/redis",
                "--logfile",
                "/var/log/redis/ci.log"));
        awaitPing(true);
    }

    static boolean ping() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor(5, TimeUnit.SECONDS);
        return output.equals("PONG");
    }

    private static void awaitPing(boolean up) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (ping() != up) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis did not go " + (up ? "up" : "down") + " within 15 s");
            }
            Thread.sleep(50);
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }
}

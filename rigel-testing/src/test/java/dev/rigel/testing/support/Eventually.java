package dev.rigel.testing.support;

import java.time.Duration;

/**
 * Retries an assertion for a short while. Over a real socket the client may receive a response
 * before the server has finished the work that follows it (after-response hooks, cleanups, the
 * unwinding half of middleware), so assertions about that work must wait for it.
 */
public final class Eventually {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Eventually() {}

    public static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}

package dev.rigel.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a fuzz target accepts besides success: an {@link HttpException} with a 4xx status, which
 * Rigel answers as that client error. Anything else thrown (an NPE, an index out of bounds, a
 * {@code NumberFormatException}, a stack overflow, running out of memory) escapes to the fuzzer
 * as a finding, and so does an input that takes longer than {@link #TIME_LIMIT} (a loop that does
 * not end).
 */
public final class ClientErrors {

    /** Far above what any one input needs (milliseconds), far below a test run's patience. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private static ExecutorService worker = newWorker();

    private ClientErrors() {}

    /** Runs {@code action}; it may succeed or throw an HTTP exception with a 4xx status, nothing else. */
    public static void allowOnly4xx(Runnable action) {
        within(TIME_LIMIT, () -> {
            try {
                action.run();
            } catch (HttpException refused) {
                assertThat(refused.statusCode()).as("status of %s", refused).isBetween(400, 499);
            }
        });
    }

    /** Runs {@code action} on a worker thread and fails when it does not finish in {@code limit}. */
    public static synchronized void within(Duration limit, Runnable action) {
        Future<?> done = worker.submit(action);
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            done.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread may never stop; later inputs get a fresh one
            throw new AssertionError("input not handled within " + limit + " (a loop that does not end?)");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AssertionError(cause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-input");
            thread.setDaemon(true);
            return thread;
        });
    }
}

package dev.rigel.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs health checks in parallel, each on its own virtual thread with its own deadline (its run's
 * start plus the timeout), and reports each one's status and time. The answer never takes much
 * longer than the timeout, however many checks hang; a check that has not answered by then is
 * down ("timed out") and left to finish on its own (JDBC drivers and network clients do not all
 * stop when interrupted, and a later probe joins that run rather than starting another).
 */
final class HealthRunner {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.health");

    /**
     * One check's answer.
     *
     * @param error why it is down, as a client may read it (null when up)
     * @param failure the exception it failed with, for details and the log (null otherwise)
     */
    record Outcome(
            String name,
            boolean up,
            String error,
            Throwable failure,
            Map<String, Object> details,
            long durationMillis) {}

    private HealthRunner() {}

    /** Runs {@code slots} (or joins their runs under way) and waits for each up to {@code timeout}. */
    static List<Outcome> run(List<CheckSlot> slots, Duration timeout) {
        List<CheckSlot.Run> runs = new ArrayList<>(slots.size());
        for (CheckSlot slot : slots) {
            runs.add(slot.run());
        }
        List<Outcome> outcomes = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            outcomes.add(await(slots.get(i), runs.get(i), timeout));
        }
        return outcomes;
    }

    private static Outcome await(CheckSlot slot, CheckSlot.Run run, Duration timeout) {
        long deadline = run.startedNanos() + timeout.toNanos();
        Outcome outcome;
        try {
            HealthCheck.Result result =
                    run.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            outcome = new Outcome(
                    slot.name(), result.healthy(), result.reason(), null, result.details(), millisSince(run));
        } catch (TimeoutException e) {
            outcome = new Outcome(
                    slot.name(),
                    false,
                    "timed out after " + timeout.toMillis() + " ms",
                    null,
                    Map.of(),
                    millisSince(run));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            outcome = new Outcome(slot.name(), false, "failed", cause, Map.of(), millisSince(run));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome(slot.name(), false, "interrupted", null, Map.of(), millisSince(run));
        }
        slot.record(
                outcome.up(),
                outcome.failure() == null ? outcome.error() : outcome.failure().toString(),
                LOG);
        return outcome;
    }

    private static long millisSince(CheckSlot.Run run) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.startedNanos());
    }
}

package dev.rigel.netty.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for the running servers of this JVM: one handler per signal, installed when
 * the first server registers and the JVM's own put back when the last one leaves, so tests that
 * start many servers leave nothing behind. On a signal every registered server stops gracefully,
 * in parallel, and then the JVM exits with status 0.
 *
 * <p>Why a signal handler and not only a shutdown hook: the JVM ends a process on SIGTERM with
 * status 143, which systemd and many supervisors report as a failure; after a clean stop the
 * process should say so. The server's shutdown hook still covers every other way the JVM ends
 * ({@code System.exit}, SIGHUP, a JVM started with {@code -Xrs}).
 */
public final class ShutdownSignals {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.netty.RigelServer");
    private static final String[] SIGNALS = {"TERM", "INT"};
    private static final SignalHandler HANDLER = ShutdownSignals::received;

    // all guarded by the class's lock
    private static final Set<Runnable> stops = new LinkedHashSet<>();
    private static final Map<String, SignalHandler> previous = new LinkedHashMap<>();
    private static boolean stopping;

    private ShutdownSignals() {}

    /** Registers a running server's graceful stop. */
    public static synchronized void add(Runnable stop) {
        if (stops.isEmpty() && previous.isEmpty()) {
            install();
        }
        stops.add(stop);
    }

    /** Forgets a stopped server's; the last one out puts the JVM's handlers back. */
    public static synchronized void remove(Runnable stop) {
        stops.remove(stop);
        if (stops.isEmpty() && !stopping) {
            previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
            previous.clear();
        }
    }

    private static void install() {
        for (String name : SIGNALS) {
            try {
                previous.put(name, Signal.handle(new Signal(name), HANDLER));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs) or the platform has none: the shutdown hook remains
                LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    private static void received(Signal signal) {
        List<Runnable> toStop;
        synchronized (ShutdownSignals.class) {
            if (stopping) {
                LOG.info("SIG{} received again; still stopping", signal.getName());
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(stops);
        }
        // not on the JVM's signal-dispatch thread: a stop takes as long as its drain
        Thread.ofPlatform().name("rigel-signal").start(() -> stopAllAndExit(signal, toStop));
    }

    private static void stopAllAndExit(Signal signal, List<Runnable> toStop) {
        LOG.info("SIG{} received: stopping gracefully", signal.getName());
        List<Thread> threads = new ArrayList<>();
        for (Runnable stop : toStop) {
            threads.add(Thread.ofPlatform().name("rigel-stop").start(stop));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // no server left (one stopped as the signal came): end as the JVM itself would have
        System.exit(toStop.isEmpty() ? 128 + signal.getNumber() : 0);
    }
}

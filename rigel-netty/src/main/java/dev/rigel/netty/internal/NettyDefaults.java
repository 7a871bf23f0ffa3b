package dev.rigel.netty.internal;

/**
 * Netty system properties whose defaults Rigel changes, set before Netty first reads them (its
 * {@code PlatformDependent} class reads them once) and only where the process has not set them.
 *
 * <p>{@code io.netty.jfr.enabled=false} unless a flight recording runs at startup: Netty registers
 * its buffer events with JFR the first time it allocates a chunk, which initialises JFR's event
 * metadata in a process that records nothing; that was a seventh of a small app's time to its first
 * answer and 12 MB of its resident memory. With {@code -XX:StartFlightRecording} the events stay on;
 * {@code -Dio.netty.jfr.enabled=true} keeps them for a recording started later with {@code jcmd}.
 *
 * <p>{@code io.netty.leakDetection.level=disabled}, as Vert.x sets it: Netty's sampling leak
 * detector also makes every handler hop of every message call {@code touch} on it. A leak hunt
 * turns it back on with {@code -Dio.netty.leakDetection.level=paranoid}; Rigel's own tests run
 * with Netty's default sampling.
 */
public final class NettyDefaults {

    static final String JFR = "io.netty.jfr.enabled";
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    /** The name Netty read before 4.0.x's rename, which it still honours. */
    static final String LEAK_DETECTION_LEGACY = "io.netty.leakDetectionLevel";

    private NettyDefaults() {}

    /** Applies the defaults; idempotent, and a no-op for properties the process has set. */
    public static void apply() {
        String jfr = jfrDefault(System.getProperty(JFR), recordingAtStartup());
        if (jfr != null) {
            System.setProperty(JFR, jfr);
        }
        String leaks =
                leakDetectionDefault(System.getProperty(LEAK_DETECTION), System.getProperty(LEAK_DETECTION_LEGACY));
        if (leaks != null) {
            System.setProperty(LEAK_DETECTION, leaks);
        }
    }

    /** The value to give {@code io.netty.leakDetection.level}, or null to leave it as it is. */
    static String leakDetectionDefault(String current, String legacy) {
        return current == null && legacy == null ? "disabled" : null;
    }

    /** The value to give {@code io.netty.jfr.enabled}, or null to leave it as it is. */
    static String jfrDefault(String current, boolean recording) {
        return current == null && !recording ? "false" : null;
    }

    private static boolean recordingAtStartup() {
        try {
            return jdk.jfr.FlightRecorder.isInitialized();
        } catch (LinkageError e) { // a runtime image without the jdk.jfr module
            return false;
        }
    }
}

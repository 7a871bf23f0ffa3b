package dev.rigel.cli.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** What the running JVM was told about the AOT cache (JDK 24+ flags; none on older JDKs or other VMs). */
final class AotCacheFlags {

    private AotCacheFlags() {}

    /**
     * Where this JVM writes the AOT cache or its configuration as it exits: {@code -XX:AOTCacheOutput}
     * (JDK 25's one-step training), else {@code -XX:AOTConfiguration} under {@code -XX:AOTMode=record}
     * (JDK 24's two steps); null when it records nothing.
     */
    static String recording() {
        String output = flag("AOTCacheOutput");
        if (output != null && !output.isEmpty()) {
            return output;
        }
        String configuration = flag("AOTConfiguration");
        if ("record".equals(flag("AOTMode")) && configuration != null && !configuration.isEmpty()) {
            return configuration;
        }
        return null;
    }

    private static String flag(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption(name)
                    .getValue();
        } catch (IllegalArgumentException | UnsupportedOperationException | NullPointerException e) {
            return null; // a JDK without the flag, or a VM without HotSpot's diagnostics bean
        }
    }
}

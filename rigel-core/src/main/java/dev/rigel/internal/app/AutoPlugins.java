package dev.rigel.internal.app;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.plugin.AutoPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link AutoPlugin}s on the class path, looked up once per JVM: apps are built often (every
 * test builds several) and the class path does not change under them.
 */
public final class AutoPlugins {

    private AutoPlugins() {}

    private static volatile List<AutoPlugin> found;

    /** Every automatic plugin provider on the class path, sorted by class name for a stable order. */
    public static List<AutoPlugin> found() {
        List<AutoPlugin> current = found;
        if (current == null) {
            // a failed lookup is not remembered: each build reports it again
            current = load();
            found = current;
        }
        return current;
    }

    private static List<AutoPlugin> load() {
        List<AutoPlugin> found = new ArrayList<>();
        try {
            ServiceLoader.load(AutoPlugin.class, AutoPlugin.class.getClassLoader())
                    .forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new ImproperlyConfiguredException(
                    "An automatic plugin on the class path could not be loaded: " + e.getMessage(), e);
        }
        found.sort(java.util.Comparator.comparing(p -> p.getClass().getName()));
        return List.copyOf(found);
    }
}

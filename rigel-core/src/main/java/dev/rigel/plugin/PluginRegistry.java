package dev.rigel.plugin;

import java.util.List;
import java.util.Optional;

/**
 * The plugins an app was built with, in registration order. Lookup is by type: the first plugin
 * that is an instance of the class asked for.
 */
public final class PluginRegistry {

    private final List<Plugin> plugins;

    public PluginRegistry(List<Plugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** Every plugin, in registration order. */
    public List<Plugin> all() {
        return plugins;
    }

    /** The first plugin of {@code type}, if the app has one. */
    public <P> Optional<P> find(Class<P> type) {
        for (Plugin plugin : plugins) {
            if (type.isInstance(plugin)) {
                return Optional.of(type.cast(plugin));
            }
        }
        return Optional.empty();
    }

    /**
     * The first plugin of {@code type}.
     *
     * @throws IllegalStateException naming the type and the registered plugins when there is none
     */
    public <P> P get(Class<P> type) {
        return find(type)
                .orElseThrow(() ->
                        new IllegalStateException("The app has no plugin of type " + type.getName() + "; registered: "
                                + plugins.stream()
                                        .map(p -> p.getClass().getSimpleName())
                                        .toList()));
    }

    /** Every plugin of {@code type}, in registration order. */
    public <P> List<P> allOf(Class<P> type) {
        return plugins.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

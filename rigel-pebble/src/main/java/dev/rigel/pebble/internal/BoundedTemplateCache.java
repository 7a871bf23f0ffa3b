package dev.rigel.pebble.internal;

import io.pebbletemplates.pebble.cache.PebbleCache;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Pebble's template cache with a size limit: the least recently used template goes when a new one
 * would pass it. Inline templates are keyed by their whole text, so an app that builds them from
 * varying strings would otherwise keep every one it ever rendered (Pebble's default cache has no
 * limit). A template is compiled outside the lock, so compiling one never holds up rendering
 * another; two threads asking for the same new text at once may both compile it, and one copy is
 * kept.
 */
public final class BoundedTemplateCache implements PebbleCache<Object, PebbleTemplate> {

    private final Map<Object, PebbleTemplate> templates;

    public BoundedTemplateCache(int maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("the cache must hold at least one template, got " + maximumSize);
        }
        this.templates = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, PebbleTemplate> eldest) {
                return size() > maximumSize;
            }
        };
    }

    @Override
    public PebbleTemplate computeIfAbsent(Object key, Function<? super Object, ? extends PebbleTemplate> compile) {
        synchronized (templates) {
            PebbleTemplate known = templates.get(key);
            if (known != null) {
                return known;
            }
        }
        PebbleTemplate compiled = compile.apply(key);
        synchronized (templates) {
            PebbleTemplate raced = templates.putIfAbsent(key, compiled);
            return raced != null ? raced : compiled;
        }
    }

    @Override
    public void invalidateAll() {
        synchronized (templates) {
            templates.clear();
        }
    }

    /** How many templates are kept now. */
    public int size() {
        synchronized (templates) {
            return templates.size();
        }
    }
}

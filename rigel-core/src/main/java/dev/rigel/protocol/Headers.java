package dev.rigel.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An ordered multi-map of HTTP header fields with case-insensitive names.
 *
 * <p>Kept as two parallel arrays and scanned linearly: real requests carry a dozen or so fields,
 * where a scan beats hashing and allocates nothing. Names keep the case they were added with.
 * Request headers in a {@link Scope} are treated as read-only by convention; response headers
 * are built up with {@link #add} and {@link #set}.
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {

    private String[] names;
    private String[] values;
    private int size;

    public Headers() {
        this(8);
    }

    public Headers(int expectedSize) {
        names = new String[Math.max(expectedSize, 1)];
        values = new String[names.length];
    }

    /** Headers from alternating name/value pairs: {@code Headers.of("content-type", "text/plain")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Headers headers = new Headers(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    public Headers copy() {
        Headers copy = new Headers(size);
        System.arraycopy(names, 0, copy.names, 0, size);
        System.arraycopy(values, 0, copy.values, 0, size);
        copy.size = size;
        return copy;
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    public List<String> getAll(String name) {
        List<String> all = null;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (all == null) {
                    all = new ArrayList<>(2);
                }
                all.add(values[i]);
            }
        }
        return all == null ? List.of() : Collections.unmodifiableList(all);
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    public Headers add(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("header '" + name + "' has a null value");
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces every value of {@code name} with {@code value}. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Adds {@code name} only if it is not present yet. */
    public Headers setIfAbsent(String name, String value) {
        return contains(name) ? this : add(name, value);
    }

    public Headers addAll(Headers other) {
        for (int i = 0; i < other.size; i++) {
            add(other.names[i], other.values[i]);
        }
        return this;
    }

    public boolean remove(String name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        boolean removed = kept != size;
        for (int i = kept; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = kept;
        return removed;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String nameAt(int index) {
        checkIndex(index);
        return names[index];
    }

    public String valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    /** Distinct names, lower-cased, in first-seen order. */
    public Set<String> names() {
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            distinct.add(names[i].toLowerCase(java.util.Locale.ROOT));
        }
        return distinct;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return Map.entry(names[i], values[i]);
            }
        };
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Headers[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names[i]).append(": ").append(values[i]);
        }
        return out.append(']').toString();
    }
}

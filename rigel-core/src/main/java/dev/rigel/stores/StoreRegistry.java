package dev.rigel.stores;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The app's named stores, Litestar's {@code StoreRegistry}: middleware and handlers ask for a
 * store by name ({@code rate_limit}, {@code sessions}, {@code response_cache}, or any other) and
 * get the same store every time. A name nobody registered gets a store from the default factory
 * on first request; by default that is a fresh {@link MemoryStore} per name. Replacing the factory
 * moves every such store at once, for example to Redis:
 *
 * <pre>{@code
 * RedisStore redis = RedisStore.connect("redis://127.0.0.1:6379/0");
 * App.builder()
 *     .stores(StoreRegistry.withDefaultFactory(redis::withNamespace))
 *     .lifespan(app -> redis)   // closes the connection at shutdown
 * }</pre>
 *
 * An app reaches its registry with {@code app.stores()}, and handlers and providers by declaring a
 * parameter of type {@code StoreRegistry}. At app shutdown the registry closes its stores that are
 * {@link AutoCloseable} (each once) and forgets the ones its factory made, so a restarted app gets
 * new ones. Thread-safe.
 */
public final class StoreRegistry implements AutoCloseable {

    private final Function<String, Store> defaultFactory;
    // concurrent maps so that the per-request lookup of an existing store takes no lock
    private final Map<String, Store> registered = new ConcurrentHashMap<>();
    private final Map<String, Store> created = new ConcurrentHashMap<>();

    /** A registry whose unregistered names get a new {@link MemoryStore} each. */
    public StoreRegistry() {
        this(name -> new MemoryStore());
    }

    private StoreRegistry(Function<String, Store> defaultFactory) {
        this.defaultFactory = Objects.requireNonNull(defaultFactory, "defaultFactory");
    }

    /**
     * A registry whose unregistered names get {@code factory.apply(name)}; typically one shared
     * backend with a namespace per name, such as {@code name -> redis.withNamespace(name)}.
     */
    public static StoreRegistry withDefaultFactory(Function<String, Store> factory) {
        return new StoreRegistry(factory);
    }

    /**
     * Registers {@code store} under {@code name}, overriding the default factory for that name.
     * Fails if the name already has a store (registered, or already handed out by the factory),
     * since someone may already hold it.
     */
    public synchronized StoreRegistry register(String name, Store store) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(store, "store");
        if (registered.containsKey(name) || created.containsKey(name)) {
            throw new IllegalStateException("A store named '" + name + "' is already registered");
        }
        registered.put(name, store);
        return this;
    }

    /** The store named {@code name}: the registered one, or the factory's (made on first request). */
    public Store get(String name) {
        Objects.requireNonNull(name, "name");
        Store store = registered.get(name);
        if (store == null) {
            store = created.get(name);
        }
        return store != null ? store : create(name);
    }

    private synchronized Store create(String name) {
        Store store = registered.get(name);
        if (store != null) {
            return store;
        }
        return created.computeIfAbsent(
                name,
                key -> Objects.requireNonNull(
                        defaultFactory.apply(key), () -> "The default store factory returned null for '" + key + "'"));
    }

    /** Whether {@code name} has a store yet, registered or made by the factory. */
    public boolean has(String name) {
        return registered.containsKey(name) || created.containsKey(name);
    }

    /** The names that have a store yet, sorted. */
    public synchronized Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(registered.keySet());
        names.addAll(created.keySet());
        return Collections.unmodifiableSet(names);
    }

    /**
     * Closes every store that is {@link AutoCloseable}, each once even if it is under several
     * names, and forgets the stores the factory made. Every store is tried; the first failure is
     * thrown afterwards with the others attached as suppressed.
     */
    @Override
    public void close() throws Exception {
        List<Store> stores;
        synchronized (this) {
            stores = new ArrayList<>(registered.values());
            stores.addAll(created.values());
            created.clear();
        }
        Set<Store> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        Exception failure = null;
        for (Store store : stores) {
            if (store instanceof AutoCloseable closeable && closed.add(store)) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

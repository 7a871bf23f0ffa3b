package dev.rigel.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRegistryTest {

    /** A store that records being closed. */
    static class ClosingStore implements Store, AutoCloseable {
        final Store delegate = new MemoryStore();
        final List<String> log;
        final String name;

        ClosingStore(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void close() {
            log.add("closed " + name);
        }

        @Override
        public java.util.Optional<byte[]> get(String key) {
            return delegate.get(key);
        }

        @Override
        public java.util.Optional<byte[]> get(String key, java.time.Duration renewFor) {
            return delegate.get(key, renewFor);
        }

        @Override
        public void set(String key, byte[] value, java.time.Duration expiresIn) {
            delegate.set(key, value, expiresIn);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public void deleteAll() {
            delegate.deleteAll();
        }

        @Override
        public boolean exists(String key) {
            return delegate.exists(key);
        }

        @Override
        public java.util.Optional<java.time.Duration> expiresIn(String key) {
            return delegate.expiresIn(key);
        }

        @Override
        public Store withNamespace(String namespace) {
            return delegate.withNamespace(namespace);
        }

        @Override
        public long increment(String key, java.time.Duration window) {
            return delegate.increment(key, window);
        }
    }

    @Test
    void eachNameGetsItsOwnMemoryStoreByDefault() {
        StoreRegistry registry = new StoreRegistry();
        assertThat(registry.has("sessions")).isFalse();
        Store sessions = registry.get("sessions");
        assertThat(sessions).isInstanceOf(MemoryStore.class).isSameAs(registry.get("sessions"));
        Store limits = registry.get("rate_limit");
        sessions.set("k", "session");
        assertThat(limits.exists("k")).isFalse();
        assertThat(registry.names()).containsExactly("rate_limit", "sessions");
    }

    @Test
    void registeredStoresOverrideTheFactory(@TempDir Path dir) {
        FileStore files = new FileStore(dir);
        StoreRegistry registry = new StoreRegistry().register("response_cache", files);
        assertThat(registry.get("response_cache")).isSameAs(files);
        assertThat(registry.get("other")).isInstanceOf(MemoryStore.class);
        assertThatThrownBy(() -> registry.register("response_cache", new MemoryStore()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("response_cache");
        assertThatThrownBy(() -> registry.register("other", new MemoryStore()))
                .as("a store already handed out cannot be replaced")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneFactorySettingMovesEveryUnregisteredStore(@TempDir Path dir) {
        FileStore backend = new FileStore(dir);
        StoreRegistry registry =
                StoreRegistry.withDefaultFactory(backend::withNamespace).register("pinned", new MemoryStore());
        registry.get("sessions").set("abc", "on disk");
        registry.get("rate_limit").increment("client", null);
        assertThat(backend.withNamespace("sessions").getString("abc")).contains("on disk");
        assertThat(backend.withNamespace("rate_limit").getString("client")).contains("1");
        registry.get("pinned").set("abc", "in memory");
        assertThat(backend.withNamespace("pinned").exists("abc")).isFalse();
    }

    @Test
    void closeClosesEachCloseableStoreOnceAndForgetsFactoryStores() throws Exception {
        List<String> log = new ArrayList<>();
        ClosingStore shared = new ClosingStore("shared", log);
        StoreRegistry registry = StoreRegistry.withDefaultFactory(name -> new ClosingStore(name, log))
                .register("a", shared)
                .register("b", shared);
        Store made = registry.get("made");
        registry.register("memory", new MemoryStore());

        registry.close();
        assertThat(log).containsExactlyInAnyOrder("closed shared", "closed made");
        assertThat(registry.get("made")).as("a restarted app gets a new store").isNotSameAs(made);
        assertThat(registry.get("a")).isSameAs(shared);
    }

    @Test
    void aFailingCloseDoesNotStopTheOthers() {
        List<String> log = new ArrayList<>();
        StoreRegistry registry = new StoreRegistry()
                .register("bad", new ClosingStore("bad", log) {
                    @Override
                    public void close() {
                        throw new IllegalStateException("boom");
                    }
                })
                .register("good", new ClosingStore("good", log));
        assertThatThrownBy(registry::close).hasMessage("boom");
        assertThat(log).containsExactly("closed good");
    }
}

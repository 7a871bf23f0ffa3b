package dev.rigel.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends StoreContract {

    @TempDir
    Path directory;

    @Override
    protected Store createStore() {
        return new FileStore(directory.resolve("store"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void valuesSurviveANewStoreOnTheSameDirectory() {
        store.set("kept", "across restarts", Duration.ofMinutes(5));
        store.withNamespace("sessions").set("abc", "session");
        FileStore reopened = new FileStore(directory.resolve("store"));
        assertThat(reopened.getString("kept")).contains("across restarts");
        assertThat(reopened.expiresIn("kept")).isPresent();
        assertThat(reopened.withNamespace("sessions").getString("abc")).contains("session");
    }

    @Test
    void oneFilePerKeyWithFileSafeNamesAndNoTemporaryFilesLeft() throws IOException {
        store.set("user:1/../../etc", "a");
        store.set("User", "b");
        store.set("x".repeat(300), "c");
        for (int i = 0; i < 20; i++) {
            store.increment("counter", Duration.ofMinutes(1));
        }
        store.withNamespace("ns").set("k", "d");
        assertThat(names(directory.resolve("store")))
                .hasSize(5)
                .allSatisfy(name ->
                        assertThat(name).matches("[a-z]_[a-zA-Z0-9._%-]+").hasSizeLessThan(210))
                .contains("k_user%3A1%2F..%2F..%2Fetc", "k_%55ser", "k_counter", "n_ns");
        assertThat(names(directory)).containsExactly("store");
    }

    @Test
    void deleteAllLeavesForeignFilesAlone() throws IOException {
        Path dir = directory.resolve("store");
        Files.writeString(dir.resolve("README"), "not the store's");
        store.set("k", "v");
        store.deleteAll();
        assertThat(names(dir)).containsExactly("README");
    }

    @Test
    void anExpiredKeyIsRemovedFromDiskWhenRead() throws Exception {
        store.set("short", "v", SHORT);
        awaitExpiry(store, "short");
        assertThat(store.get("short")).isEmpty();
        assertThat(names(directory.resolve("store"))).isEmpty();
    }
}

package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserCacheTest {

    @Test
    void keepsWhatResponsesShowForFiveMinutesAndNeverTheHash() {
        Store store = new MemoryStore();
        UserCache cache = new UserCache(store);
        Instant created = Instant.parse("2026-01-01T10:00:00.123456Z");
        cache.put(new User(7L, "Ada", "ada@example.com", "secret-hash", created, "notes"));

        assertThat(store.expiresIn("user:7"))
                .hasValueSatisfying(left -> assertThat(left)
                        .isLessThanOrEqualTo(Duration.ofSeconds(300))
                        .isGreaterThan(Duration.ofSeconds(290)));
        assertThat(store.getString("user:7"))
                .hasValueSatisfying(
                        json -> assertThat(json).doesNotContain("secret").doesNotContain("notes"));
        User cached = cache.get(7).orElseThrow();
        assertThat(cached.id()).isEqualTo(7L);
        assertThat(cached.name()).isEqualTo("Ada");
        assertThat(cached.email()).isEqualTo("ada@example.com");
        assertThat(cached.createdAt()).isEqualTo(created);
        assertThat(cached.passwordHash()).isNull();

        cache.delete(7);
        assertThat(cache.get(7)).isEmpty();
        assertThat(cache.get(8)).isEmpty();
    }

    @Test
    void anEntryItCannotReadIsAMissNotAnError() {
        Store store = new MemoryStore();
        UserCache cache = new UserCache(store);
        // the format before the creation time was kept as numbers, still in Redis after a deploy
        store.set(
                "user:9",
                "{\"id\":9,\"name\":\"Grace\",\"email\":\"g@example.com\",\"createdAt\":\"2026-01-01T10:00:00Z\"}",
                Duration.ofSeconds(60));
        store.set("user:10", "not json", Duration.ofSeconds(60));
        assertThat(cache.get(9)).isEmpty();
        assertThat(cache.get(10)).isEmpty();
    }
}

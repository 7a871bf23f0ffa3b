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
}

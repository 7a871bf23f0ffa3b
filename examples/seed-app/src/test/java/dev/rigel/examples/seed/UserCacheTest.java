package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UserCacheTest {

    @Test
    void entriesExpire() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        UserCache cache = new UserCache(clock);
        cache.set("user:1", "Ada", Duration.ofSeconds(300));
        assertThat(cache.get("user:1", String.class)).contains("Ada");
        assertThat(cache.get("user:1", Integer.class)).isEmpty();
        now.set(now.get().plusSeconds(299));
        assertThat(cache.get("user:1", String.class)).contains("Ada");
        now.set(now.get().plusSeconds(1));
        assertThat(cache.get("user:1", String.class)).isEmpty();
    }
}

package dev.rigel.security.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    final Object keys = new Object();

    @Test
    void aHitNeedsTheSameTokenTheSameKeysAndATimeBeforeTheDeadline() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100, 60_000);
        VerifiedTokenCache.Key key = VerifiedTokenCache.keyOf("a.b.c");
        cache.put(key, "token", keys, NOW.plusSeconds(30), NOW);
        assertThat(cache.get(VerifiedTokenCache.keyOf("a.b.c"), keys, NOW)).isEqualTo("token");
        assertThat(cache.get(VerifiedTokenCache.keyOf("a.b.d"), keys, NOW)).isNull();
        assertThat(cache.get(key, keys, NOW.plusSeconds(29))).isEqualTo("token");
        assertThat(cache.get(key, keys, NOW.plusSeconds(30))).as("expired").isNull();
        assertThat(cache.size()).as("a stale entry is dropped when met").isZero();

        cache.put(key, "token", keys, null, NOW);
        assertThat(cache.get(key, new Object(), NOW)).as("another key set").isNull();
        assertThat(cache.size()).isZero();

        cache.put(key, "token", keys, null, NOW);
        assertThat(cache.get(key, keys, NOW.plusSeconds(59))).isEqualTo("token");
        assertThat(cache.get(key, keys, NOW.plusSeconds(60)))
                .as("past the time to live")
                .isNull();

        cache.put(key, "token", keys, NOW.minusSeconds(1), NOW);
        assertThat(cache.size()).as("an already expired token is not cached").isZero();
    }

    @Test
    void theSizeStaysBounded() {
        VerifiedTokenCache<Integer> cache = new VerifiedTokenCache<>(50, 60_000);
        for (int i = 0; i < 1000; i++) {
            cache.put(VerifiedTokenCache.keyOf("t" + i), i, keys, null, NOW);
            assertThat(cache.size()).isLessThanOrEqualTo(50);
        }
        // the newest entry is always kept
        assertThat(cache.get(VerifiedTokenCache.keyOf("t999"), keys, NOW)).isEqualTo(999);
    }

    @Test
    void expiredEntriesGoFirstWhenRoomIsMade() {
        VerifiedTokenCache<Integer> cache = new VerifiedTokenCache<>(10, 60_000);
        for (int i = 0; i < 5; i++) {
            cache.put(VerifiedTokenCache.keyOf("short" + i), i, keys, NOW.plusSeconds(1), NOW);
        }
        for (int i = 0; i < 5; i++) {
            cache.put(VerifiedTokenCache.keyOf("long" + i), i, keys, null, NOW);
        }
        cache.put(VerifiedTokenCache.keyOf("new"), 99, keys, null, NOW.plusSeconds(2));
        for (int i = 0; i < 5; i++) {
            assertThat(cache.get(VerifiedTokenCache.keyOf("long" + i), keys, NOW.plusSeconds(2)))
                    .isEqualTo(i);
        }
        assertThat(cache.size()).isEqualTo(6);
    }
}

package dev.rigel.middleware.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.StoreRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionMiddleware#storeSession} and {@link SessionMiddleware#loadSession}, the seam the
 * test client's session helpers use: what they write is what the middleware itself would read.
 */
class SessionSeedingTest {

    static final byte[] KEY = "an-aes-256-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);

    /** The cookies a client holds after applying {@code setCookies} to {@code held}. */
    static Map<String, String> apply(Map<String, String> held, List<String> setCookies) {
        Map<String, String> cookies = new HashMap<>(held);
        for (String setCookie : setCookies) {
            String pair = setCookie.substring(0, setCookie.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('='));
            if (setCookie.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(pair.indexOf('=') + 1));
            }
        }
        return cookies;
    }

    @Test
    void clientSideDataIsSealedAndReadBack() {
        SessionMiddleware sessions = new SessionMiddleware(ClientSideSessionConfig.of(KEY));
        Map<String, String> cookies = apply(Map.of(), sessions.storeSession(Map.of(), Map.of("user", "ada", "n", 2)));
        assertThat(cookies).containsOnlyKeys("session");
        assertThat(cookies.get("session")).doesNotContain("ada");
        assertThat(sessions.loadSession(cookies)).isEqualTo(Map.of("user", "ada", "n", 2));

        SessionMiddleware otherKey = new SessionMiddleware(
                ClientSideSessionConfig.of("another-aes-256-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII)));
        assertThat(otherKey.loadSession(cookies)).isEmpty();

        Map<String, String> emptied = apply(cookies, sessions.storeSession(cookies, Map.of()));
        assertThat(emptied).isEmpty();
    }

    @Test
    void serverSideDataGoesToTheStoreUnderANewIdEachTime() {
        MemoryStore store = new MemoryStore();
        StoreRegistry stores = new StoreRegistry().register("sessions", store);
        SessionMiddleware sessions = new SessionMiddleware(ServerSideSessionConfig.defaults(), () -> stores);
        Map<String, String> first = apply(Map.of(), sessions.storeSession(Map.of(), Map.of("user", "ada")));
        String firstId = first.get("session");
        assertThat(store.exists(firstId)).isTrue();
        assertThat(sessions.loadSession(first)).isEqualTo(Map.of("user", "ada"));

        Map<String, String> second = apply(first, sessions.storeSession(first, Map.of("user", "bob")));
        assertThat(second.get("session")).isNotEqualTo(firstId);
        assertThat(store.exists(firstId)).isFalse();
        assertThat(sessions.loadSession(second)).isEqualTo(Map.of("user", "bob"));
        assertThat(sessions.loadSession(Map.of("session", "not-an-id"))).isEmpty();
    }
}

package dev.rigel.middleware.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.CountingStore;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server-side sessions: an id cookie and the data in the app's store. */
class ServerSideSessionTest {

    static final String CLEARED = "session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";

    final CountingStore store = new CountingStore();

    App app() {
        return App.builder()
                .sessions(ServerSideSessionConfig.defaults())
                .stores(new StoreRegistry().register("sessions", store))
                .routeHandlers(SessionHandlers.class)
                .build();
    }

    static String cookieValue(TestResponse response) {
        String setCookie = response.header("set-cookie");
        assertThat(setCookie).isNotNull();
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theCookieCarriesARandomIdAndTheStoreTheData(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse written = client.post("/session", Map.of("user", "ada"));
            assertThat(written.header("set-cookie")).endsWith("; Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax");
            String id = cookieValue(written);
            assertThat(id).matches("[A-Za-z0-9_-]{32}");
            assertThat(store.getString(id))
                    .hasValueSatisfying(json -> assertThat(json).contains("\"user\":\"ada\""));
            assertThat(store.expiresIn(id))
                    .hasValueSatisfying(left ->
                            assertThat(left).isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14)));
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada"));

            try (TestClient other = Clients.open(app(), transport)) {
                String otherId = cookieValue(other.post("/session", Map.of("user", "bob")));
                assertThat(otherId).isNotEqualTo(id);
                assertThat(other.get("/session").jsonMap()).isEqualTo(Map.of("user", "bob"));
            }
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlyChangesAreWritten(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/session").header("set-cookie")).isNull();
            assertThat(store.writes()).hasValue(0);
            client.post("/session", Map.of("user", "ada"));
            assertThat(store.writes()).hasValue(1);
            TestResponse read = client.get("/session");
            assertThat(read.header("set-cookie")).isNull();
            assertThat(store.writes()).hasValue(1);
            TestResponse changed = client.post("/session", Map.of("visits", 2));
            assertThat(changed.header("set-cookie"))
                    .as("same id: no new cookie")
                    .isNull();
            assertThat(store.writes()).hasValue(2);
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada", "visits", 2));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStaleOrForeignIdIsNeverAdopted(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String planted = "A".repeat(32);
            client.cookie("session", planted);
            TestResponse read = client.get("/session");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.jsonMap()).isEmpty();
            assertThat(read.header("set-cookie")).isEqualTo(CLEARED);

            client.cookie("session", planted);
            String id = cookieValue(client.post("/session", Map.of("user", "victim")));
            assertThat(id).isNotEqualTo(planted);
            assertThat(store.exists(planted)).isFalse();

            store.delete(id); // the session expired or was evicted server-side
            TestResponse expired = client.get("/session");
            assertThat(expired.jsonMap()).isEmpty();
            assertThat(expired.header("set-cookie")).isEqualTo(CLEARED);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void garbageIdsGiveAnEmptySessionNeverAnError(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            for (String garbage : List.of(
                    "",
                    "x",
                    "../../etc/passwd",
                    "A".repeat(31),
                    "A".repeat(33),
                    "!".repeat(32),
                    "%00".repeat(11),
                    "a".repeat(7000))) {
                TestResponse response = client.request("GET", "/session")
                        .header("cookie", "session=" + garbage)
                        .send();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.jsonMap()).isEmpty();
                assertThat(response.header("set-cookie")).isEqualTo(CLEARED);
            }
            store.set("B".repeat(32), "{not json".getBytes(StandardCharsets.UTF_8), null);
            TestResponse corrupt = client.request("GET", "/session")
                    .header("cookie", "session=" + "B".repeat(32))
                    .send();
            assertThat(corrupt.status()).isEqualTo(200);
            assertThat(corrupt.jsonMap()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidateDeletesTheStoredSessionAndClearsTheCookie(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String id = cookieValue(client.post("/session", Map.of("user", "ada")));
            TestResponse invalidated = client.post("/session/invalidate", null);
            assertThat(invalidated.header("set-cookie")).isEqualTo(CLEARED);
            assertThat(store.exists(id)).isFalse();
            assertThat(client.cookies()).doesNotContainKey("session");
            assertThat(client.get("/session").jsonMap()).isEmpty();

            // replaying the old id afterwards finds nothing
            client.cookie("session", id);
            assertThat(client.get("/session").jsonMap()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNewLoginOrRegenerateMovesTheDataToAFreshId(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String first = cookieValue(client.post("/session", Map.of("user", "ada", "cart", 3)));
            String second = cookieValue(client.post("/session/regenerate", null));
            assertThat(second).isNotEqualTo(first).matches("[A-Za-z0-9_-]{32}");
            assertThat(store.exists(first)).isFalse();
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada", "cart", 3));

            String third = cookieValue(client.post("/session/relogin", null));
            assertThat(third).isNotEqualTo(second);
            assertThat(store.exists(second)).isFalse();
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "grace"));

            TestResponse cleared = client.post("/session/clear", null);
            assertThat(cleared.header("set-cookie")).isEqualTo(CLEARED);
            assertThat(store.exists(third)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theStoreNameAndCookieAreConfigurable(Transport transport) {
        App app = App.builder()
                .sessions(ServerSideSessionConfig.builder()
                        .storeName("web_sessions")
                        .cookieName("sid")
                        .maxAge(Duration.ofMinutes(30))
                        .secure(true)
                        .sameSite(dev.rigel.http.Cookie.SameSite.STRICT)
                        .build())
                .routeHandlers(SessionHandlers.class)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse written = client.post("/session", Map.of("user", "ada"));
            assertThat(written.header("set-cookie"))
                    .startsWith("sid=")
                    .endsWith("; Path=/; Max-Age=1800; Secure; HttpOnly; SameSite=Strict");
            String id = cookieValue(written);
            Store sessions = app.stores().get("web_sessions");
            assertThat(sessions.exists(id)).isTrue();
            assertThat(sessions.expiresIn(id))
                    .hasValueSatisfying(left -> assertThat(left).isLessThanOrEqualTo(Duration.ofMinutes(30)));
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada"));
        }
    }

    @Test
    void aSessionInUseIsRenewedInTheStoreAndItsCookieResentPastHalfItsLife() throws Exception {
        App app = App.builder()
                .sessions(ServerSideSessionConfig.builder()
                        .maxAge(Duration.ofSeconds(2))
                        .build())
                .stores(new StoreRegistry().register("sessions", store))
                .routeHandlers(SessionHandlers.class)
                .build();
        try (TestClient client = TestClient.of(app)) {
            String id = cookieValue(client.post("/session", Map.of("user", "ada")));
            assertThat(client.get("/session").header("set-cookie")).isNull();
            Thread.sleep(1100);
            assertThat(store.expiresIn(id))
                    .hasValueSatisfying(left -> assertThat(left).isLessThan(Duration.ofSeconds(1)));
            TestResponse renewed = client.get("/session");
            assertThat(renewed.header("set-cookie"))
                    .isEqualTo("session=" + id + "; Path=/; Max-Age=2; HttpOnly; SameSite=Lax");
            assertThat(store.expiresIn(id))
                    .hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofMillis(1500)));
            assertThat(renewed.jsonMap()).isEqualTo(Map.of("user", "ada"));
            assertThat(client.get("/session").header("set-cookie")).isNull();
        }
    }

    @Test
    void configurationIsCheckedWhenItIsMade() {
        assertThatThrownBy(() -> ServerSideSessionConfig.builder().storeName("").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSideSessionConfig.builder()
                        .maxAge(Duration.ofMillis(10))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ServerSideSessionConfig.defaults().storeName()).isEqualTo("sessions");
    }
}

package dev.rigel.middleware.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.CountingStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * {@code TestClient.setSessionData} / {@code getSessionData} (Litestar's {@code set_session_data}
 * / {@code get_session_data}): a test starts with a session without a login route and reads what
 * a handler stored, for client-side (sealed cookie) and server-side (store) sessions, in-process
 * and over Rigel's server ({@code TestClient.live}).
 */
class TestClientSessionDataTest {

    static final byte[] KEY = "an-aes-256-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);

    enum Backend {
        CLIENT_SIDE,
        SERVER_SIDE
    }

    enum Transport {
        IN_PROCESS,
        LIVE
    }

    /** A route only a logged-in session may see, as a login would leave it. */
    public static class Account {
        @Get("/me")
        public String me(Session session) {
            return "hello " + session.get("user", String.class).orElseThrow(() -> new NotAuthorizedException("log in"));
        }
    }

    final CountingStore store = new CountingStore();

    App app(Backend backend) {
        App.Builder builder = App.builder().routeHandlers(SessionHandlers.class, Account.class);
        if (backend == Backend.CLIENT_SIDE) {
            builder.sessions(ClientSideSessionConfig.of(KEY));
        } else {
            builder.sessions(ServerSideSessionConfig.defaults())
                    .stores(new StoreRegistry().register("sessions", store));
        }
        return builder.build();
    }

    static TestClient open(App app, Transport transport) {
        return transport == Transport.IN_PROCESS ? TestClient.of(app) : TestClient.live(app);
    }

    static List<Object[]> cases() {
        return List.of(
                new Object[] {Backend.CLIENT_SIDE, Transport.IN_PROCESS},
                new Object[] {Backend.CLIENT_SIDE, Transport.LIVE},
                new Object[] {Backend.SERVER_SIDE, Transport.IN_PROCESS},
                new Object[] {Backend.SERVER_SIDE, Transport.LIVE});
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("cases")
    void aTestStartsLoggedInAndReadsWhatHandlersStored(Backend backend, Transport transport) {
        try (TestClient client = open(app(backend), transport)) {
            assertThat(client.get("/me").status()).isEqualTo(401);
            client.setSessionData(Map.of("user", "ada", "roles", List.of("admin")));
            assertThat(client.get("/me").text()).isEqualTo("hello ada");
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada", "roles", List.of("admin")));

            client.post("/session", Map.of("cart", 3));
            assertThat(client.getSessionData()).isEqualTo(Map.of("user", "ada", "roles", List.of("admin"), "cart", 3));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("cases")
    void settingReplacesTheWholeSessionAndEmptyEndsIt(Backend backend, Transport transport) {
        try (TestClient client = open(app(backend), transport)) {
            client.setSessionData(Map.of("user", "ada", "cart", 2));
            String first = client.cookies().get("session");
            client.setSessionData(Map.of("user", "grace"));
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "grace"));
            if (backend == Backend.SERVER_SIDE) {
                // a new id, and the replaced session's data is gone from the store
                assertThat(client.cookies().get("session")).isNotEqualTo(first);
                assertThat(store.exists(first)).isFalse();
            }
            client.setSessionData(Map.of());
            assertThat(client.cookies()).doesNotContainKey("session");
            assertThat(client.getSessionData()).isEmpty();
            assertThat(client.get("/me").status()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("cases")
    void valuesAreKeptInTheirJsonFormAsSessionPutKeepsThem(Backend backend, Transport transport) {
        try (TestClient client = open(app(backend), transport)) {
            client.setSessionData(Map.of("profile", new SessionHandlers.Profile("Ada", 3)));
            assertThat(client.getSessionData()).isEqualTo(Map.of("profile", Map.of("name", "Ada", "level", 3)));
            assertThat(client.get("/session/profile").jsonMap()).isEqualTo(Map.of("name", "Ada", "level", 3));
        }
    }

    @Test
    void clientSideTheDataIsSealedAndTamperingLosesIt() {
        try (TestClient client = TestClient.of(app(Backend.CLIENT_SIDE))) {
            client.setSessionData(Map.of("user", "ada"));
            String sealed = client.cookies().get("session");
            assertThat(sealed).isNotNull().doesNotContain("ada");
            client.cookie("session", sealed.substring(0, sealed.length() - 2) + "AA");
            assertThat(client.getSessionData()).isEmpty();
            assertThat(client.get("/me").status()).isEqualTo(401);
        }
    }

    @Test
    void aLargeClientSideSessionIsChunkedAndShrinkingClearsTheChunks() {
        try (TestClient client = TestClient.of(app(Backend.CLIENT_SIDE))) {
            String big = "x".repeat(3000)
                    + new java.util.Random(7)
                            .ints(4000, 'a', 'z' + 1)
                            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
            client.setSessionData(Map.of("big", big));
            assertThat(client.cookies()).containsKeys("session-0", "session-1").doesNotContainKey("session");
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("big", big));
            client.setSessionData(Map.of("user", "ada"));
            assertThat(client.cookies()).containsKey("session").doesNotContainKeys("session-0", "session-1");
            assertThat(client.getSessionData()).isEqualTo(Map.of("user", "ada"));
        }
    }

    @Test
    void serverSideTheCookieCarriesOnlyAnIdOfTheStore() {
        try (TestClient client = TestClient.of(app(Backend.SERVER_SIDE))) {
            client.setSessionData(Map.of("user", "ada"));
            String id = client.cookies().get("session");
            assertThat(id).matches("[A-Za-z0-9_-]{32}");
            assertThat(store.getString(id))
                    .hasValueSatisfying(json -> assertThat(json).contains("\"user\":\"ada\""));
            store.delete(id); // the store lost it (expired, flushed): no session any more
            assertThat(client.getSessionData()).isEmpty();
        }
    }

    @Test
    void anAppWithoutSessionsSaysSo() {
        try (TestClient client = TestClient.create(new Account())) {
            assertThatThrownBy(() -> client.setSessionData(Map.of("user", "ada")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sessions(");
            assertThatThrownBy(client::getSessionData).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void sessionMiddlewareOnTheAppLayerIsFoundToo() {
        App app = App.builder()
                .middleware(new SessionMiddleware(ClientSideSessionConfig.of(KEY)))
                .routeHandlers(Account.class)
                .build();
        try (TestClient client = TestClient.of(app)) {
            client.setSessionData(Map.of("user", "bob"));
            assertThat(client.get("/me").text()).isEqualTo("hello bob");
        }
    }
}

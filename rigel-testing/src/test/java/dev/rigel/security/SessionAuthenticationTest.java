package dev.rigel.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.middleware.session.ClientSideSessionConfig;
import dev.rigel.middleware.session.ServerSideSessionConfig;
import dev.rigel.middleware.session.Session;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Session authentication on server-side and client-side sessions. */
class SessionAuthenticationTest {

    record Member(String id, String name) {}

    private final Map<String, Member> members = new ConcurrentHashMap<>(Map.of("7", new Member("7", "ann")));

    private App app(boolean serverSide) {
        App.Builder builder = App.builder();
        if (serverSide) {
            builder.sessions(ServerSideSessionConfig.defaults());
        } else {
            builder.sessions(ClientSideSessionConfig.builder(new byte[32]).build());
        }
        return builder.middleware(
                        new SessionAuthentication((id, connection) -> members.get((String) id)).exclude("^/login$"))
                .routeHandlers(
                        Route.post("/login", (Session session) -> {
                            SessionAuthentication.login(session, "7");
                            return "in";
                        }),
                        Route.post("/logout", (Session session) -> {
                            SessionAuthentication.logout(session);
                            return "out";
                        }),
                        Route.get("/me", (Member user) -> user.name()))
                .build();
    }

    private static String sessionCookie(TestResponse response) {
        return response.headers().getAll("set-cookie").stream()
                .filter(cookie -> cookie.startsWith("session="))
                .findFirst()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .orElse(null);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLoginLastsUntilTheLogoutServerSide(Transport transport) {
        try (TestClient client = Clients.open(app(true), transport)) {
            assertThat(client.get("/me").status()).isEqualTo(401);
            TestResponse login = client.request("POST", "/login").send();
            assertThat(login.status()).isEqualTo(201);
            String loggedIn = sessionCookie(login);
            assertThat(client.get("/me").text()).isEqualTo("ann");
            assertThat(client.request("POST", "/logout").send().status()).isEqualTo(201);
            assertThat(client.get("/me").status()).isEqualTo(401);
            // the cookie from before the logout names a session that is gone
            TestResponse replayed =
                    client.request("GET", "/me").header("cookie", loggedIn).send();
            assertThat(replayed.status()).isEqualTo(401);
        }
    }

    @Test
    void theSessionIdChangesAtLoginSoAPlantedIdIsWorthless() {
        try (TestClient client = TestClient.of(app(true))) {
            client.request("POST", "/login").send();
            client.request("POST", "/logout").send();
            // a session with some data before the login: its id must not survive the login
            TestResponse first = client.request("POST", "/login").send();
            String before = sessionCookie(first);
            TestResponse second = client.request("POST", "/login").send();
            String after = sessionCookie(second);
            assertThat(before).isNotNull();
            assertThat(after).isNotNull().isNotEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientSideSessionsWorkTheSameWay(Transport transport) {
        try (TestClient client = Clients.open(app(false), transport)) {
            assertThat(client.get("/me").status()).isEqualTo(401);
            client.request("POST", "/login").send();
            assertThat(client.get("/me").text()).isEqualTo("ann");
            client.request("POST", "/logout").send();
            assertThat(client.get("/me").status()).isEqualTo(401);
        }
    }

    @Test
    void aUserWhoIsGoneEndsTheSession() {
        try (TestClient client = TestClient.of(app(true))) {
            client.request("POST", "/login").send();
            members.clear();
            TestResponse response = client.get("/me");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text()).contains("You are not logged in");
        }
    }
}

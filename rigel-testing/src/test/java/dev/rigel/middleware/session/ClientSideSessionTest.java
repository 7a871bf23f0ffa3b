package dev.rigel.middleware.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client-side sessions: AES-GCM encrypted, chunked cookies, through the test client and a real server. */
class ClientSideSessionTest {

    static final byte[] KEY = "an-aes-256-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);

    static App app(ClientSideSessionConfig config) {
        return App.builder()
                .sessions(config)
                .routeHandlers(SessionHandlers.class)
                .build();
    }

    static App app() {
        return app(ClientSideSessionConfig.of(KEY));
    }

    /** Letters that do not compress or repeat, so the encrypted size is predictable. */
    static String text(int length) {
        Random random = new Random(length);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    static List<String> setCookies(TestResponse response) {
        return response.headers().getAll("set-cookie");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theSessionSurvivesBetweenRequestsEncrypted(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/session").jsonMap()).isEmpty();
            TestResponse written = client.post("/session", Map.of("user", "ada", "visits", 3));
            assertThat(written.status()).isEqualTo(201);
            assertThat(setCookies(written))
                    .singleElement()
                    .satisfies(cookie -> assertThat(cookie)
                            .startsWith("session=")
                            .endsWith("; Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax")
                            .doesNotContain("ada"));
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada", "visits", 3));
            assertThat(client.get("/session/from-state").text()).isEqualTo("true");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlyAChangedSessionIsWritten(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/session").header("set-cookie"))
                    .as("an empty, untouched session")
                    .isNull();
            client.post("/session", Map.of("user", "ada"));
            assertThat(client.get("/session").header("set-cookie")).isNull();
            assertThat(client.post("/session", Map.of("user", "ada")).header("set-cookie"))
                    .as("putting the value it already holds")
                    .isNull();
            assertThat(client.post("/session", Map.of("user", "bob")).header("set-cookie"))
                    .startsWith("session=");
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "bob"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void valuesAreStoredInTheirJsonFormAndConvertBack(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.post("/session/profile", null).text()).isEqualTo("Ada");
            assertThat(client.get("/session").jsonMap())
                    .isEqualTo(Map.of("profile", Map.of("name", "Ada", "level", 3)));
            assertThat(client.get("/session/profile").jsonMap()).isEqualTo(Map.of("name", "Ada", "level", 3));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLargeSessionIsChunkedAndShrinkingClearsTheStaleChunks(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String big = text(4000);
            TestResponse written = client.post("/session", Map.of("big", big));
            assertThat(setCookies(written))
                    .hasSize(2)
                    .satisfiesExactly(
                            first -> assertThat(first).startsWith("session-0="),
                            second -> assertThat(second).startsWith("session-1="));
            assertThat(client.cookies()).containsOnlyKeys("session-0", "session-1");
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("big", big));

            TestResponse shrunk = client.post("/session/remove?key=big", null);
            assertThat(setCookies(shrunk))
                    .as("now empty: every chunk expires")
                    .containsExactlyInAnyOrder(
                            "session-0=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                            "session-1=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            client.post("/session", Map.of("big", big));
            TestResponse small = client.post("/session", Map.of("big", "small"));
            assertThat(setCookies(small))
                    .hasSize(3)
                    .anySatisfy(c ->
                            assertThat(c).startsWith("session=").endsWith("; Max-Age=1209600; HttpOnly; SameSite=Lax"))
                    .contains(
                            "session-0=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                            "session-1=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            assertThat(client.cookies()).containsOnlyKeys("session");
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("big", "small"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidateClearsEveryCookieOfTheSession(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            client.post("/session", Map.of("big", text(4000)));
            TestResponse invalidated = client.post("/session/invalidate", null);
            assertThat(setCookies(invalidated))
                    .containsExactlyInAnyOrder(
                            "session-0=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                            "session-1=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            assertThat(client.cookies()).isEmpty();
            assertThat(client.get("/session").jsonMap()).isEmpty();

            client.post("/session", Map.of("user", "ada"));
            client.post("/session/relogin", null);
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "grace"));
            assertThat(setCookies(client.post("/session/clear", null)))
                    .containsExactly("session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            assertThat(client.cookies()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tamperedOrGarbledCookiesGiveAnEmptySessionNeverAnError(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            client.post("/session", Map.of("role", "user"));
            String sealed = client.cookies().get("session");
            int middle = sealed.length() / 2;
            String tampered = sealed.substring(0, middle)
                    + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
                    + sealed.substring(middle + 1);
            List<String> garbage = List.of(
                    tampered,
                    sealed.substring(0, sealed.length() - 3),
                    "",
                    "x",
                    "!!!!",
                    "%00%ff",
                    "====",
                    text(7000),
                    ClientSideSessionConfig.DEFAULT_COOKIE_NAME);
            for (String value : garbage) {
                TestResponse response = client.request("GET", "/session")
                        .header("cookie", "session=" + value)
                        .send();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.jsonMap()).isEmpty();
                assertThat(response.header("set-cookie"))
                        .as("the unusable cookie is cleared")
                        .isEqualTo("session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            }
            TestResponse chunks = client.request("GET", "/session")
                    .header("cookie", "session-0=" + tampered + "; session-1=junk; session-7=junk; session-x=not-ours")
                    .send();
            assertThat(chunks.jsonMap()).isEmpty();
            assertThat(setCookies(chunks))
                    .containsExactlyInAnyOrder(
                            "session-0=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                            "session-1=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                            "session-7=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            // the clearing answers above made the client drop its cookie; the real value, put back, still works
            client.cookie("session", sealed);
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("role", "user"));
        }
    }

    @Test
    void aSessionTooLargeForCookiesFailsLoudlyInsteadOfLosingData() {
        try (TestClient client = TestClient.of(app())) {
            assertThatThrownBy(() -> client.post("/session", Map.of("big", text(70_000))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("too large for cookies");
            assertThat(client.cookies()).isEmpty();
        }
    }

    @Test
    void aHugeCookieIsRefusedCheaply() {
        try (TestClient client = Clients.open(app(), Transport.IN_PROCESS)) {
            String huge = text(500_000);
            assertThat(client.request("GET", "/session")
                            .header("cookie", "session=" + huge)
                            .send()
                            .jsonMap())
                    .isEmpty();
            StringBuilder chunks = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                chunks.append(i == 0 ? "" : "; ")
                        .append("session-")
                        .append(i)
                        .append('=')
                        .append(text(3800));
            }
            TestResponse response = client.request("GET", "/session")
                    .header("cookie", chunks.toString())
                    .send();
            assertThat(response.jsonMap()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCookieFromAnotherKeyOrCookieNameIsNotASession(Transport transport) {
        byte[] otherKey = "another-key-16-b".getBytes(StandardCharsets.US_ASCII);
        String foreign;
        try (TestClient other = Clients.open(app(ClientSideSessionConfig.of(otherKey)), transport)) {
            other.post("/session", Map.of("role", "admin"));
            foreign = other.cookies().get("session");
        }
        String renamed;
        try (TestClient other = Clients.open(
                app(ClientSideSessionConfig.builder(KEY).cookieName("sid").build()), transport)) {
            other.post("/session", Map.of("role", "admin"));
            renamed = other.cookies().get("sid");
        }
        try (TestClient client = Clients.open(app(), transport)) {
            client.cookie("session", foreign);
            assertThat(client.get("/session").jsonMap()).isEmpty();
            client.cookie("session", renamed);
            assertThat(client.get("/session").jsonMap())
                    .as("bound to its cookie name")
                    .isEmpty();
        }
    }

    @Test
    void anExpiredSessionIsEmptyEvenIfTheBrowserStillSendsIt() throws Exception {
        App app = app(ClientSideSessionConfig.builder(KEY)
                .maxAge(Duration.ofSeconds(1))
                .build());
        try (TestClient client = TestClient.of(app)) {
            TestResponse written = client.post("/session", Map.of("user", "ada"));
            assertThat(written.header("set-cookie")).contains("; Max-Age=1;");
            assertThat(client.get("/session").jsonMap()).isEqualTo(Map.of("user", "ada"));
            Thread.sleep(1100);
            // the test client ignores Max-Age's clock, like a stolen cookie replayed later would
            assertThat(client.cookies()).containsKey("session");
            assertThat(client.get("/session").jsonMap()).isEmpty();
        }
    }

    @Test
    void aSessionPastHalfItsLifeIsRewrittenWithANewExpiry() throws Exception {
        App app = app(ClientSideSessionConfig.builder(KEY)
                .maxAge(Duration.ofSeconds(2))
                .build());
        try (TestClient client = TestClient.of(app)) {
            client.post("/session", Map.of("user", "ada"));
            String first = client.cookies().get("session");
            assertThat(client.get("/session").header("set-cookie"))
                    .as("still young")
                    .isNull();
            Thread.sleep(1100);
            TestResponse renewed = client.get("/session");
            assertThat(renewed.header("set-cookie")).startsWith("session=").contains("; Max-Age=2;");
            assertThat(client.cookies().get("session")).isNotEqualTo(first);
            assertThat(renewed.jsonMap()).isEqualTo(Map.of("user", "ada"));
            assertThat(client.get("/session").header("set-cookie")).isNull();
        }
    }

    @Test
    void aSessionParameterWithoutSessionsConfiguredFailsWithAClearMessage() {
        App app = App.builder().routeHandlers(SessionHandlers.class).build();
        try (TestClient client = TestClient.of(app)) {
            assertThatThrownBy(() -> client.get("/session"))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("sessions(");
        }
    }

    @Test
    void configurationIsCheckedWhenItIsMade() {
        assertThatThrownBy(() -> ClientSideSessionConfig.of(new byte[10]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16, 24 or 32");
        assertThatThrownBy(() -> ClientSideSessionConfig.builder(KEY)
                        .maxAge(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        ClientSideSessionConfig.builder(KEY).cookieName("a b").build())
                .isInstanceOf(IllegalArgumentException.class);
        ClientSideSessionConfig config = ClientSideSessionConfig.ofBase64Key(
                java.util.Base64.getUrlEncoder().encodeToString(KEY));
        assertThat(config.secretKey()).isEqualTo(KEY);
        assertThat(config.toString()).doesNotContain(new String(KEY, StandardCharsets.US_ASCII));
    }
}

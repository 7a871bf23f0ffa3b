package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed app's API, run in-process and through the real server on an ephemeral port. */
class SeedAppTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String TOKEN = "test-token";

    private static TestClient open(Transport transport) {
        // these tests send more requests than the default limit allows; SeedRateLimitTest covers the limit
        App app = SeedApp.create(SeedSettings.defaults().withApiToken(TOKEN).withRateLimit("minute,100000"));
        TestClient client;
        if (transport == Transport.IN_PROCESS) {
            client = TestClient.of(app);
        } else {
            RigelServer server =
                    new RigelServer(app, ServerConfig.builder().port(0).build()).start();
            client = TestClient.overHttp(app, URI.create(server.url()), server::stop);
        }
        return client;
    }

    private static TestClient authorized(Transport transport) {
        return open(transport).defaultHeader("Authorization", "Bearer " + TOKEN);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void healthAndBenchmarkEndpointsNeedNoToken(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse health = client.get("/health");
            assertThat(health.status()).isEqualTo(200);
            // status first, as {"status":"ok"} checks expect; then the database and channels checks
            assertThat(health.text()).startsWith("{\"status\":\"ok\",\"checks\":{");
            assertThat(health.json().path("checks").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("db", "channels");
            assertThat(client.get("/health/live").status()).isEqualTo(200);
            assertThat(client.get("/health/ready").status()).isEqualTo(200);
            TestResponse plaintext = client.get("/plaintext");
            assertThat(plaintext.text()).isEqualTo("Hello, World!");
            assertThat(plaintext.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(client.get("/json").text()).isEqualTo("{\"message\":\"Hello, World!\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void apiRequiresTheBearerToken(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse missing = client.get("/api/v1/users");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.jsonMap())
                    .containsEntry("status_code", 401)
                    .containsEntry("detail", "No token in the request");
            assertThat(missing.header("www-authenticate")).isEqualTo("Bearer");
            TestResponse wrong = client.request("GET", "/api/v1/users")
                    .header("Authorization", "Bearer nope")
                    .send();
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.jsonMap()).containsEntry("detail", "Malformed token");
            assertThat(wrong.header("www-authenticate"))
                    .isEqualTo("Bearer error=\"invalid_token\", error_description=\"malformed token\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsUsersWithoutSecrets(Transport transport) {
        try (TestClient client = authorized(transport)) {
            TestResponse response = client.get("/api/v1/users");
            assertThat(response.status()).isEqualTo(200);
            List<Map<String, Object>> users = response.jsonList();
            assertThat(users).hasSizeGreaterThanOrEqualTo(3);
            assertThat(users.get(0))
                    .containsOnlyKeys("id", "name", "email", "created_at")
                    .containsEntry("name", "Ada Lovelace");
            assertThat(response.text()).doesNotContain("password").doesNotContain("internal");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getsOneUserOr404(Transport transport) {
        try (TestClient client = authorized(transport)) {
            assertThat(client.get("/api/v1/users/2").jsonMap()).containsEntry("name", "Alan Turing");
            TestResponse missing = client.get("/api/v1/users/42");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("{\"status_code\":404,\"detail\":\"User 42 not found\"}");
            assertThat(client.get("/api/v1/users/not-a-number").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void createsUpdatesAndDeletesAUser(Transport transport) {
        try (TestClient client = authorized(transport)) {
            TestResponse created = client.post(
                    "/api/v1/users",
                    Map.of("name", "Barbara Liskov", "email", "barbara@example.com", "password", "substitution"));
            assertThat(created.status()).isEqualTo(201);
            Map<String, Object> user = created.jsonMap();
            assertThat(user)
                    .containsOnlyKeys("id", "name", "email", "created_at")
                    .containsEntry("name", "Barbara Liskov");
            long id = ((Number) user.get("id")).longValue();

            TestResponse before = client.get("/api/v1/users/" + id);
            assertThat(before.jsonMap())
                    .containsOnlyKeys("id", "name", "email", "created_at")
                    .containsEntry("email", "barbara@example.com");

            TestResponse patched = client.patch("/api/v1/users/" + id, Map.of("email", "bl@example.com"));
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.jsonMap())
                    .containsOnlyKeys("id", "name", "email", "created_at")
                    .containsEntry("email", "bl@example.com")
                    .containsEntry("name", "Barbara Liskov")
                    .containsEntry("created_at", user.get("created_at"));
            // the cached copy was dropped on update
            assertThat(client.get("/api/v1/users/" + id).jsonMap()).containsEntry("email", "bl@example.com");

            TestResponse replaced = client.put(
                    "/api/v1/users/" + id,
                    Map.of("name", "B. Liskov", "email", "liskov@example.com", "id", 1, "password_hash", "forged"));
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(replaced.jsonMap())
                    .containsOnlyKeys("id", "name", "email", "created_at")
                    .containsEntry("id", user.get("id"))
                    .containsEntry("name", "B. Liskov");

            TestResponse deleted = client.delete("/api/v1/users/" + id);
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertThat(client.get("/api/v1/users/" + id).status()).isEqualTo(404);
            assertThat(client.delete("/api/v1/users/" + id).status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void patchAndPutAreCheckedAgainstTheModel(Transport transport) {
        try (TestClient client = authorized(transport)) {
            TestResponse nullEmail = client.request("PATCH", "/api/v1/users/3")
                    .body("{\"email\":null}".getBytes(), "application/json")
                    .send();
            assertThat(nullEmail.status()).isEqualTo(400);
            assertThat(nullEmail.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for PATCH"
                            + " /api/v1/users/3\",\"extra\":[{\"key\":\"email\",\"message\":\"must not be null\","
                            + "\"source\":\"body\"}]}");
            TestResponse missingEmail = client.put("/api/v1/users/3", Map.of("name", "Grace"));
            assertThat(missingEmail.status()).isEqualTo(400);
            assertThat(missingEmail.jsonMap().get("extra"))
                    .asList()
                    .containsExactly(Map.of("key", "email", "message", "must not be null", "source", "body"));
            TestResponse untouched = client.get("/api/v1/users/3");
            assertThat(untouched.jsonMap())
                    .containsEntry("name", "Grace Hopper")
                    .containsEntry("email", "grace@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rejectsInvalidUsersWithFieldErrors(Transport transport) {
        try (TestClient client = authorized(transport)) {
            TestResponse response =
                    client.post("/api/v1/users", Map.of("name", "X", "email", "not-an-email", "password", "short"));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for POST"
                            + " /api/v1/users\",\"extra\":[{\"key\":\"email\",\"message\":\"must be a well-formed email"
                            + " address\",\"source\":\"body\"},{\"key\":\"password\",\"message\":\"size must be between 8 and"
                            + " 128\",\"source\":\"body\"}]}");
            TestResponse malformed = client.request("POST", "/api/v1/users")
                    .body("{\"name\":".getBytes(), "application/json")
                    .send();
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.jsonMap().get("detail").toString()).startsWith("Malformed JSON in request body");
        }
    }

    /** A JSON null body is the client's mistake: a 400, never the handler's NullPointerException. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNullBodyIs400(Transport transport) {
        try (TestClient client = authorized(transport)) {
            for (String path : new String[] {"/api/v1/users", "/api/v1/notifications", "/api/v1/orders"}) {
                TestResponse response = client.request("POST", path)
                        .body("null".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json")
                        .send();
                assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(400);
                assertThat(response.jsonMap()).containsEntry("status_code", 400);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ordersReferenceExistingUsers(Transport transport) {
        try (TestClient client = authorized(transport)) {
            TestResponse created = client.post(
                    "/api/v1/orders", Map.of("user_id", 1, "item", "Punched cards", "quantity", 3, "total", "9.99"));
            assertThat(created.status()).isEqualTo(201);
            Map<String, Object> order = created.jsonMap();
            assertThat(order)
                    .containsOnlyKeys("id", "user_id", "item", "quantity", "total", "created_at")
                    .containsEntry("user_id", 1)
                    .containsEntry("item", "Punched cards");
            long id = ((Number) order.get("id")).longValue();
            assertThat(client.get("/api/v1/orders/" + id).jsonMap()).containsEntry("quantity", 3);
            assertThat(client.get("/api/v1/orders").jsonList())
                    .extracting(o -> o.get("id"))
                    .contains(order.get("id"));
            TestResponse patched = client.patch("/api/v1/orders/" + id, Map.of("quantity", 5, "user_id", 2));
            assertThat(patched.jsonMap())
                    .containsEntry("quantity", 5)
                    .containsEntry("user_id", 1)
                    .containsEntry("item", "Punched cards")
                    .doesNotContainKey("internal_notes");
            TestResponse invalid = client.post("/api/v1/orders", Map.of("user_id", 1, "item", "", "quantity", 0));
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.jsonMap().get("extra").toString())
                    .isEqualTo("[{key=item, message=must not be blank, source=body}, {key=quantity, message=must be"
                            + " greater than or equal to 1, source=body}, {key=total, message=must not be null,"
                            + " source=body}]");

            TestResponse unknownUser = client.post(
                    "/api/v1/orders", Map.of("user_id", 999, "item", "Ghost", "quantity", 1, "total", "1.00"));
            assertThat(unknownUser.status()).isEqualTo(400);
            assertThat(unknownUser.jsonMap()).containsEntry("detail", "Order refers to user 999, who does not exist");
            assertThat(client.get("/api/v1/orders/999").text())
                    .isEqualTo("{\"status_code\":404,\"detail\":\"Order 999 not found\"}");
        }
    }
}

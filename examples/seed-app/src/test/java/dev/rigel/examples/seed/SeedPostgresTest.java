package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.redis.RedisStore;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed app as deployed: users and orders in the machine's PostgreSQL (database {@code test},
 * a schema of its own per test) and the user cache in the machine's Redis (a namespace of its own),
 * in-process and through the real server.
 */
class SeedPostgresTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String TOKEN = "test-token";

    private final String schema = "seed_" + UUID.randomUUID().toString().replace("-", "");
    private final String namespace = "rigel-test:" + schema;

    @AfterEach
    void dropSchemaAndKeys() throws Exception {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        try (RedisStore redis = RedisStore.connect(REDIS, namespace)) {
            redis.deleteAll();
        }
    }

    private static long sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement sql = connection.createStatement()) {
            if (!sql.execute(statement)) {
                return 0;
            }
            try (ResultSet rows = sql.getResultSet()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private TestClient open(Transport transport) throws SQLException {
        sql("CREATE SCHEMA " + schema);
        App app = SeedApp.create(
                SeedSettings.defaults().withApiToken(TOKEN).withRateLimit("minute,100000"),
                POSTGRES + "?user=postgres&currentSchema=" + schema,
                REDIS,
                namespace);
        TestClient client;
        if (transport == Transport.IN_PROCESS) {
            client = TestClient.of(app);
        } else {
            RigelServer server =
                    new RigelServer(app, ServerConfig.builder().port(0).build()).start();
            client = TestClient.overHttp(app, URI.create(server.url()), server::stop);
        }
        return client.defaultHeader("Authorization", "Bearer " + TOKEN);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void usersLiveInPostgresAndTheirCacheInRedis(Transport transport) throws Exception {
        try (TestClient client = open(transport);
                RedisStore redis = RedisStore.connect(REDIS, namespace)) {
            List<Map<String, Object>> users = client.get("/api/v1/users").jsonList();
            assertThat(users)
                    .extracting(user -> user.get("name"))
                    .containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
            assertThat(sql("SELECT count(*) FROM " + schema + ".users")).isEqualTo(3);
            assertThat(sql("SELECT count(*) FROM " + schema + ".orders")).isEqualTo(1);

            TestResponse created = client.post(
                    "/api/v1/users",
                    Map.of("name", "Barbara Liskov", "email", "barbara@example.com", "password", "substitution"));
            assertThat(created.status()).isEqualTo(201);
            Map<String, Object> user = created.jsonMap();
            assertThat(user).containsOnlyKeys("id", "name", "email", "created_at");
            long id = ((Number) user.get("id")).longValue();
            assertThat(sql("SELECT count(*) FROM " + schema + ".users WHERE email = 'barbara@example.com'"))
                    .isEqualTo(1);

            assertThat(redis.exists("user:" + id)).isFalse();
            assertThat(client.get("/api/v1/users/" + id).jsonMap()).isEqualTo(user);
            assertThat(redis.expiresIn("user:" + id))
                    .hasValueSatisfying(left -> assertThat(left)
                            .isLessThanOrEqualTo(Duration.ofSeconds(300))
                            .isGreaterThan(Duration.ZERO));
            assertThat(redis.getString("user:" + id))
                    .hasValueSatisfying(
                            json -> assertThat(json).contains("Barbara Liskov").doesNotContain("hash"));
            // served from the cache: the same answer, created_at to the microsecond
            assertThat(client.get("/api/v1/users/" + id).jsonMap()).isEqualTo(user);

            TestResponse patched = client.patch("/api/v1/users/" + id, Map.of("email", "bl@example.com"));
            assertThat(patched.status()).isEqualTo(200);
            assertThat(redis.exists("user:" + id)).isFalse();
            assertThat(client.get("/api/v1/users/" + id).jsonMap()).containsEntry("email", "bl@example.com");

            TestResponse tooLong = client.patch("/api/v1/users/" + id, Map.of("name", "x".repeat(101)));
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(sql("SELECT count(*) FROM " + schema + ".users WHERE name = 'Barbara Liskov'"))
                    .isEqualTo(1);

            assertThat(client.delete("/api/v1/users/" + id).status()).isEqualTo(204);
            assertThat(sql("SELECT count(*) FROM " + schema + ".users")).isEqualTo(3);
            assertThat(client.get("/api/v1/users/" + id).status()).isEqualTo(404);
        }
    }
}

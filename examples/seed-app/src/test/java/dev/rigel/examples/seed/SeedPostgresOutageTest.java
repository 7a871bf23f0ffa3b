package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 21's outage test for PostgreSQL: under load, the seed's database connections are ended
 * from outside again and again ({@code pg_terminate_backend}, what a failover or an administrator
 * does). Requests that lose their connection are a 503 with {@code Retry-After}, never a 500 or
 * a hang; nothing is logged at ERROR; and once the terminations stop, every request succeeds
 * again without a restart.
 */
class SeedPostgresOutageTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String TOKEN = "test-token";

    private final String schema = "seed_" + UUID.randomUUID().toString().replace("-", "");
    /** Marks this test's connections, so only they are ended (other tests share the database). */
    private final String applicationName = "rigel-outage-" + schema.substring(5, 17);

    private ListAppender<ILoggingEvent> logs;
    private Logger root;

    @BeforeEach
    void watchLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void cleanUp() throws SQLException {
        root.detachAppender(logs);
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private void terminateTheSeedsConnections() throws SQLException {
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + applicationName
                + "'");
    }

    @Test
    void terminatedConnectionsUnderLoadAre503sAndTheAppRecoversWithoutARestart() throws Exception {
        sql("CREATE SCHEMA " + schema);
        App app = SeedApp.create(
                SeedSettings.defaults().withApiToken(TOKEN).withRateLimit("minute,1000000"),
                POSTGRES + "?user=postgres&currentSchema=" + schema + "&ApplicationName=" + applicationName,
                null);
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        try (TestClient client = TestClient.overHttp(app, URI.create(server.url()), server::stop)
                .defaultHeader("Authorization", "Bearer " + TOKEN)) {
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicLong slowest = new AtomicLong();
            List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int worker = i;
                load.add(Thread.ofVirtual().start(() -> {
                    int n = 0;
                    while (System.nanoTime() < until) {
                        long start = System.nanoTime();
                        TestResponse response = (n++ % 3 == 0)
                                ? client.post(
                                        "/api/v1/users",
                                        Map.of(
                                                "name", "w" + worker + "-" + n,
                                                "email", "w" + worker + "-" + n + "@example.com",
                                                "password", "correct horse battery"))
                                : client.get("/api/v1/users");
                        slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (response.status() == 503 && response.header("retry-after") == null) {
                            unexpected.add("a 503 without Retry-After: " + response.text());
                        } else if (response.status() != 503 && response.status() >= 300) {
                            unexpected.add(response.status() + " " + response.text());
                        }
                    }
                }));
            }
            while (System.nanoTime() < until - Duration.ofMillis(800).toNanos()) {
                Thread.sleep(150);
                terminateTheSeedsConnections();
            }
            for (Thread thread : load) {
                thread.join(Duration.ofSeconds(30));
            }
            assertThat(unexpected)
                    .as("answers other than success or 503 + Retry-After")
                    .isEmpty();
            assertThat(statuses.keySet()).as("statuses seen: " + statuses).contains(503);
            assertThat(Duration.ofNanos(slowest.get())).as("no request hangs").isLessThan(Duration.ofSeconds(10));

            // recovery, without a restart: the pool replaces what was ended. A connection ended
            // while idle in the pool is found out when next used (one more 503), so the first
            // requests after the outage may still meet one; soon every request succeeds.
            long recovered = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int streak = 0;
            while (streak < 10 && System.nanoTime() < recovered) {
                int status = client.get("/api/v1/users").status();
                assertThat(status).isIn(200, 503);
                streak = status == 200 ? streak + 1 : 0;
            }
            for (int i = 0; i < 20; i++) {
                assertThat(client.get("/api/v1/users").status()).isEqualTo(200);
            }
            TestResponse created = client.post(
                    "/api/v1/users",
                    Map.of("name", "after", "email", "after@example.com", "password", "correct horse battery"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
        List<String> errors = logs.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
                .toList();
        assertThat(errors).as("ERROR lines logged").isEmpty();
    }
}

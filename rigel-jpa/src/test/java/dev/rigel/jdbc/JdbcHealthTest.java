package dev.rigel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.health.HealthPlugin;
import dev.rigel.jpa.JpaConfig;
import dev.rigel.jpa.JpaPlugin;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.plugin.Plugin;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.CuttableProxy;
import dev.rigel.testing.support.Transport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The {@code db} readiness check of the JDBC and JPA plugins: a pool that lends a valid connection
 * is ready; a database that went away answers 503 within the health timeout, without an ERROR.
 */
class JdbcHealthTest {

    private TestDatabase.Scratch database;

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    static App app(Plugin database, HealthPlugin health) {
        return App.builder().plugins(database, health).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPoolOnTheLocalPostgresIsReady(Transport transport) {
        database = TestDatabase.POSTGRES.create();
        JdbcPlugin jdbc = new JdbcPlugin(
                JdbcConfig.builder().url(database.url()).maxPoolSize(2).build());
        try (TestClient client = Clients.open(app(jdbc, HealthPlugin.create()), transport)) {
            TestResponse ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().at("/checks/db/status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void theJpaPluginsPoolIsCheckedToo() {
        JpaPlugin jpa = new JpaPlugin(JpaConfig.builder()
                .entities(
                        dev.rigel.jpa.testmodel.Author.class,
                        dev.rigel.jpa.testmodel.Book.class,
                        dev.rigel.jpa.testmodel.Tag.class)
                .build()); // H2 in memory
        try (TestClient client = TestClient.of(app(jpa, HealthPlugin.create()))) {
            TestResponse ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().at("/checks/db/status").asText()).isEqualTo("ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDatabaseThatWentAwayAnswers503Fast(Transport transport) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        try (CuttableProxy proxy = new CuttableProxy(5432)) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?user=postgres&connectTimeout=1";
            JdbcPlugin jdbc =
                    new JdbcPlugin(JdbcConfig.builder().url(url).maxPoolSize(2).build());
            HealthPlugin health =
                    HealthPlugin.builder().timeout(Duration.ofMillis(500)).build();
            try (TestClient client = Clients.open(app(jdbc, health), transport)) {
                assertThat(client.get("/health/ready").status()).isEqualTo(200);
                root.addAppender(logs);
                proxy.cut();
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    TestResponse ready = client.get("/health/ready");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
                    assertThat(ready.status()).isEqualTo(503);
                    assertThat(ready.json().at("/checks/db/status").asText()).isEqualTo("down");
                }
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list)
                .filteredOn(event -> event.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }
}

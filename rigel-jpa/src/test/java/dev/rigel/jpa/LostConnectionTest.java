package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.jdbc.JdbcConfig;
import dev.rigel.jdbc.JdbcPlugin;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.testmodel.Author;
import dev.rigel.jpa.testmodel.Book;
import dev.rigel.jpa.testmodel.Tag;
import dev.rigel.plugin.Plugin;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 21: a database connection lost in the middle of a request ({@code pg_terminate_backend},
 * as a failover or a restart does it) is the database being unavailable: a 503 the client may
 * retry, no ERROR line, and the next request is served on a fresh connection.
 */
class LostConnectionTest {

    private TestDatabase.Scratch database;
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
    void cleanUp() {
        root.detachAppender(logs);
        if (database != null) {
            database.close();
        }
    }

    private List<String> errorLines() {
        return logs.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
                .toList();
    }

    static long backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What a failover or an administrator does to the connection a request is using. */
    static void terminate(long pid) {
        TestDatabase.execute(
                TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "SELECT pg_terminate_backend(" + pid + ")");
    }

    static long jdbcLosesItsConnection(Connection dbConnection) throws SQLException {
        terminate(backendPid(dbConnection));
        return jdbcCount(dbConnection);
    }

    static long jpaLosesItsConnection(EntityManager dbSession) {
        dbSession.persist(new Author("lost", null, null));
        dbSession.flush(); // the transaction has begun on the server
        terminate(dbSession.unwrap(org.hibernate.Session.class).doReturningWork(LostConnectionTest::backendPid));
        return count(dbSession);
    }

    static long count(EntityManager dbSession) {
        return dbSession
                .createQuery("select count(a) from Author a", Long.class)
                .getSingleResult();
    }

    static long jdbcCount(Connection dbConnection) throws SQLException {
        try (Statement statement = dbConnection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 41 + 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    enum Kind {
        JPA,
        JDBC_AUTOCOMMIT,
        JDBC_TRANSACTION
    }

    private App app(Kind kind) {
        database = TestDatabase.POSTGRES.create();
        Plugin plugin = switch (kind) {
            case JPA ->
                new JpaPlugin(JpaConfig.builder()
                        .url(database.url())
                        .entities(Author.class, Book.class, Tag.class)
                        .schemaAction(SchemaAction.DROP_AND_CREATE)
                        .transactionMode(TransactionMode.AUTOCOMMIT)
                        .maxPoolSize(2)
                        .build());
            case JDBC_AUTOCOMMIT, JDBC_TRANSACTION -> {
                JdbcConfig.Builder config =
                        JdbcConfig.builder().url(database.url()).maxPoolSize(2);
                if (kind == Kind.JDBC_TRANSACTION) {
                    config.transactionMode(TransactionMode.AUTOCOMMIT);
                }
                yield new JdbcPlugin(config.build());
            }
        };
        App.Builder app = App.builder().plugins(plugin);
        if (kind == Kind.JPA) {
            app.routeHandlers(
                    Route.post("/lose", LostConnectionTest::jpaLosesItsConnection),
                    Route.get("/count", LostConnectionTest::count));
        } else {
            app.routeHandlers(
                    Route.post("/lose", LostConnectionTest::jdbcLosesItsConnection),
                    Route.get("/count", LostConnectionTest::jdbcCount));
        }
        return app.build();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aConnectionLostMidRequestIs503AndTheNextRequestIsServed(Kind kind) {
        for (Transport transport : Transport.values()) {
            try (TestClient client = Clients.open(app(kind), transport)) {
                TestResponse lost = client.post("/lose", Map.of());
                assertThat(lost.status()).as(transport + ": " + lost.text()).isEqualTo(503);
                assertThat(lost.json().get("detail").asText())
                        .isEqualTo("The database connection was lost; try again shortly");
                assertThat(lost.header("retry-after")).isNotNull();
                TestResponse next = client.get("/count");
                assertThat(next.status()).as(next.text()).isEqualTo(200);
            } finally {
                database.close();
                database = null;
            }
            assertThat(errorLines()).as(kind + " over " + transport).isEmpty();
        }
    }
}

package dev.rigel.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rigel.App;
import dev.rigel.channels.ChannelEvent;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsBackendContract;
import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.ChannelsUnavailableException;
import dev.rigel.channels.Subscriber;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The channels contract on LISTEN/NOTIFY, against the PostgreSQL server on this machine. */
class PostgresChannelsBackendTest extends ChannelsBackendContract {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    final String applicationName = "rigel-test-" + UUID.randomUUID();
    final String prefix = "rigel-test-" + UUID.randomUUID() + ":";

    @Override
    protected ChannelsBackend createBackend() {
        return PostgresChannelsBackend.builder(URL)
                .applicationName(applicationName)
                .prefix(prefix)
                .build();
    }

    @Override
    protected int historySize() {
        return 0;
    }

    static Connection admin(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Test
    void anyChannelNameWorks() throws Exception {
        String[] names = {"x".repeat(300), "Mixed Case", "quote\"d; DROP TABLE x", "ünïcødé ☃", "a"};
        try (Subscriber subscriber = channels.subscribe(names)) {
            for (String name : names) {
                channels.publish("to " + name, name);
            }
            for (String name : names) {
                assertThat(nextEvent(subscriber))
                        .isEqualTo(new ChannelEvent(name, ("to " + name).getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(PostgresChannelsBackend.identifierFor(prefix, "x".repeat(300)))
                .matches("rigel_[0-9a-f]{40}")
                .isNotEqualTo(PostgresChannelsBackend.identifierFor(prefix, "x".repeat(299)));
    }

    @Test
    void payloadsOverPostgresLimitAreRefusedClearly() throws Exception {
        String big = channel("big");
        try (Subscriber subscriber = channels.subscribe(big)) {
            String largestText = "é".repeat(3999); // 7998 bytes
            channels.publish(largestText, big);
            assertThat(nextEvent(subscriber).text()).isEqualTo(largestText);
            assertThatThrownBy(() -> channels.publish(largestText + "x", big))
                    .isInstanceOf(ChannelsException.class)
                    .hasMessageContaining("7999 bytes is too large for PostgreSQL NOTIFY")
                    .hasMessageContaining("limit is 7999");

            byte[] largestBinary = new byte[5997];
            Arrays.fill(largestBinary, (byte) 0xFF);
            channels.publish(largestBinary, big);
            assertThat(nextEvent(subscriber).data()).isEqualTo(largestBinary);
            assertThatThrownBy(() -> channels.publish(new byte[6000], big))
                    .isInstanceOf(ChannelsException.class)
                    .hasMessageContaining("6000 bytes is too large");
        }
    }

    @Test
    void sqlCanPublishToARigelChannel() throws Exception {
        String fromSql = channel("from-sql");
        try (Subscriber subscriber = channels.subscribe(fromSql);
                Connection sql = admin(URL);
                PreparedStatement notify =
                        sql.prepareStatement("SELECT pg_notify(?, ?), pg_notify(?, 'b' || encode(?, 'base64'))")) {
            String identifier = PostgresChannelsBackend.identifierFor(prefix, fromSql);
            notify.setString(1, identifier);
            notify.setString(2, "thello from a trigger");
            notify.setString(3, identifier);
            notify.setBytes(4, new byte[] {0, 1, 2});
            notify.execute();
            assertThat(nextEvent(subscriber).text()).isEqualTo("hello from a trigger");
            assertThat(nextEvent(subscriber).data()).containsExactly(0, 1, 2);
        }
    }

    /** Ends every session of this test's backends, as an administrator or a failover would. */
    int terminateBackendConnections(Connection sql, String application) throws SQLException {
        try (PreparedStatement terminate = sql.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, application);
            try (ResultSet result = terminate.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    @Test
    void terminatedConnectionsAreReplacedAndChannelsListenedToAgain() throws Exception {
        String survivor = channel("survivor");
        try (Subscriber subscriber = channels.subscribe(survivor);
                Connection sql = admin(URL)) {
            channels.publish("before", survivor);
            assertThat(nextEvent(subscriber).text()).isEqualTo("before");

            assertThat(terminateBackendConnections(sql, applicationName))
                    .as("the LISTEN and the publishing connection")
                    .isEqualTo(2);
            // the publishing session was ended before this statement ran, so it is sent again
            channels.publish("right after", survivor);
            awaitDelivery(subscriber, survivor);
        }
    }

    /** Publishes until one event gets through: the listener reconnects on its own schedule. */
    private void awaitDelivery(Subscriber subscriber, String channel) {
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> {
                    for (int attempt = 0; ; attempt++) {
                        try {
                            channels.publish("after " + attempt, channel);
                        } catch (ChannelsException stillDown) {
                            Thread.sleep(100);
                            continue;
                        }
                        Optional<ChannelEvent> event = subscriber.next(Duration.ofMillis(300));
                        if (event.isPresent()) {
                            return;
                        }
                    }
                },
                "the backend listens again after reconnecting");
    }

    @Test
    void whileTheDatabaseRefusesConnectionsPublishingFailsAtOnceThenRecovers() throws Exception {
        String database =
                "rigel_channels_outage_" + UUID.randomUUID().toString().replace("-", "");
        String databaseUrl = "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres";
        String outageApplication = applicationName + "-outage";
        try (Connection sql = admin(URL);
                Statement statement = sql.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            ChannelsPlugin plugin = ChannelsPlugin.builder(PostgresChannelsBackend.builder(databaseUrl)
                            .applicationName(outageApplication)
                            .commandTimeout(Duration.ofSeconds(2))
                            .build())
                    .arbitraryChannelsAllowed(true)
                    .build();
            App app = App.builder().plugins(plugin).build();
            app.startup();
            try (Subscriber subscriber = plugin.subscribe("alerts")) {
                try {
                    // the database goes away for this backend: no new sessions, existing ones ended
                    statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
                    assertThat(terminateBackendConnections(sql, outageApplication))
                            .isEqualTo(2);
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(10),
                            () -> {
                                // refused by the plugin once the listener saw the outage, or failing
                                // on the database before that: either way the broker is unavailable (503)
                                assertThatThrownBy(() -> plugin.publish("during", "alerts"))
                                        .isInstanceOf(ChannelsUnavailableException.class)
                                        .hasMessageContaining("channels [alerts]");
                                assertThatThrownBy(() -> plugin.subscribe("other"))
                                        .isInstanceOf(ChannelsUnavailableException.class)
                                        .hasMessageContaining("channels [other]");
                            },
                            "nothing may hang while the database is unreachable");
                } finally {
                    statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
                }
                assertTimeoutPreemptively(
                        Duration.ofSeconds(20),
                        () -> {
                            for (int attempt = 0; ; attempt++) {
                                try {
                                    plugin.publish("after " + attempt, "alerts");
                                } catch (ChannelsException stillReconnecting) {
                                    Thread.sleep(100);
                                    continue;
                                }
                                if (subscriber.next(Duration.ofMillis(300)).isPresent()) {
                                    return;
                                }
                            }
                        },
                        "the backend reconnects and listens again once the database is back");
            } finally {
                app.shutdown();
                statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }
}

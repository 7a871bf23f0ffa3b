package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Creating a user emits {@code user_created}; the seed's listener logs it off the request thread. */
class SeedEventsTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger("seed.events");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    private static TestClient open(Transport transport) {
        App app = SeedApp.create(SeedSettings.defaults().withApiToken("t").withRateLimit("minute,100000"));
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app).defaultHeader("Authorization", "Bearer t");
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop)
                .defaultHeader("Authorization", "Bearer t");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void creatingAUserLogsAUserCreatedEvent(Transport transport) throws InterruptedException {
        long id;
        try (TestClient client = open(transport)) {
            TestResponse created = client.post(
                    "/api/v1/users",
                    Map.of("name", "Grace Hopper", "email", "grace@example.com", "password", "compiler"));
            assertThat(created.status()).isEqualTo(201);
            id = ((Number) created.jsonMap().get("id")).longValue();
            // the listener runs on its own virtual thread; it may finish after the response
            for (int i = 0; i < 200 && logs.list.isEmpty(); i++) {
                Thread.sleep(10);
            }
        }
        assertThat(logs.list).hasSize(1);
        ILoggingEvent line = logs.list.get(0);
        assertThat(line.getFormattedMessage()).isEqualTo("User created");
        Map<String, Object> fields =
                line.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
        assertThat(fields).containsEntry("user_id", id).containsEntry("email", "grace@example.com");
        assertThat(line.getThreadName()).startsWith("rigel-background-");
    }
}

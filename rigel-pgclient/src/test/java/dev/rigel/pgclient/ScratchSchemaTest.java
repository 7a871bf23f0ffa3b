package dev.rigel.pgclient;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

/**
 * What every test of the plugin against the local PostgreSQL starts from: a fresh {@link
 * ScratchSchema} per test, and the log lines written meanwhile, so a test can say that nothing it
 * provoked was logged as an error.
 */
abstract class ScratchSchemaTest {

    protected ScratchSchema schema;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void createSchema() {
        schema = new ScratchSchema();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void dropSchema() {
        root.detachAppender(logs);
        schema.close();
    }

    /** While the database is cut off: {@code path} answers 503 with Retry-After, three times, each well under 1.5 s. */
    protected static void assertFast503WhileDown(dev.rigel.testing.TestClient client, String path) {
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            dev.rigel.testing.TestResponse down = client.get(path);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(java.time.Duration.ofMillis(1_500));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Retry-After")).isNotNull();
        }
    }

    protected void assertNoErrorLogged() {
        assertThat(logs.list)
                .filteredOn(event -> event.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }
}

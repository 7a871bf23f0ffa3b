package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.rigel.cli.logging.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The seed's logging in code is what its logback.xml was. */
class SeedLoggingTest {

    @Test
    void logsInfoThroughAnAsyncConsoleAppender() {
        LoggerContext context = new LoggerContext();
        SeedLogging.apply(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        AsyncAppender async = (AsyncAppender) root.getAppender("ASYNC");
        assertThat(async.isStarted()).isTrue();
        assertThat(async.getQueueSize()).isEqualTo(8192);
        assertThat(async.getDiscardingThreshold()).isZero();
        assertThat(async.isNeverBlock()).isTrue();
        ConsoleAppender<?> console = (ConsoleAppender<?>) async.getAppender("STDOUT");
        // Rigel's default line (%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg %kvp%n), written in code
        assertThat(((LayoutWrappingEncoder<?>) console.getEncoder()).getLayout())
                .isInstanceOf(LogLine.class);
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.hibernate.validator.internal").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog")
                        .getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        context.stop();
    }

    @Test
    void stepsAsideForALogbackFileAndIsFoundAsAService() throws IOException {
        // the tests' logback-test.xml is on this class path
        LoggerContext context = new LoggerContext();
        SeedLogging logging = new SeedLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        try (InputStream in =
                SeedLogging.class.getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(SeedLogging.class.getName());
        }
    }
}

package dev.rigel.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.rigel.cli.logging.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;

class DefaultLoggingTest {

    @TempDir
    Path dir;

    @Test
    void withoutAnAppConfigurationLogsInfoLinesToTheConsole() {
        LoggerContext context = new LoggerContext();
        DefaultLogging logging = new DefaultLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.rigel.netty.RigelServer").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("STDOUT");
        assertThat(console.isStarted()).isTrue();
        @SuppressWarnings("unchecked")
        Encoder<ILoggingEvent> encoder = (Encoder<ILoggingEvent>) console.getEncoder();
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(),
                context.getLogger("dev.rigel.middleware.logging.LoggingMiddleware"),
                Level.INFO,
                "HTTP request",
                null,
                null);
        event.setThreadName("rigel-handler");
        event.setTimeStamp(0);
        event.setKeyValuePairs(List.of(new KeyValuePair("status", 200)));
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line)
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[rigel-handler\\] d\\.r\\.m\\.l\\.LoggingMiddleware"
                        + " - HTTP request status=\"200\"" + System.lineSeparator());
    }

    @Test
    void aLineIsTheOneLogbacksPatternLayoutWrites() {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern(DefaultLogging.PATTERN);
        pattern.start();
        LogLine line = new LogLine();
        line.setContext(context);
        line.start();
        Exception failure = new IllegalStateException("broken", new java.io.IOException("disk full"));
        List<LoggingEvent> events = List.of(
                event(context, "dev.rigel.netty.RigelServer", Level.INFO, "Rigel listening", null, List.of()),
                event(
                        context,
                        "dev.rigel.middleware.logging.LoggingMiddleware",
                        Level.WARN,
                        "HTTP request",
                        null,
                        List.of(new KeyValuePair("method", "GET"), new KeyValuePair("status", 200))),
                event(
                        context,
                        "a.very.long.pkg.name.with.many.segments.SomeClass",
                        Level.ERROR,
                        "failed",
                        failure,
                        List.of()),
                event(context, "Short", Level.DEBUG, "{} and %s", null, List.of(new KeyValuePair("k", null))),
                event(context, Logger.ROOT_LOGGER_NAME, Level.TRACE, "", null, List.of()));
        for (LoggingEvent event : events) {
            assertThat(line.doLayout(event)).isEqualTo(pattern.getLayout().doLayout(event));
        }
    }

    private static LoggingEvent event(
            LoggerContext context,
            String logger,
            Level level,
            String message,
            Throwable failure,
            List<KeyValuePair> pairs) {
        LoggingEvent event =
                new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, failure, null);
        event.setThreadName("rigel-handler-1");
        event.setTimeStamp(1_765_000_000_123L);
        if (!pairs.isEmpty()) {
            event.setKeyValuePairs(pairs);
        }
        return event;
    }

    @Test
    void anAppsOwnConfigurationIsLeftToLogback() throws IOException {
        assertThat(DefaultLogging.appConfigured(
                        new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)))
                .isFalse();
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        assertThat(DefaultLogging.appConfigured(
                        new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)))
                .isTrue();
        Files.delete(dir.resolve("logback.xml"));
        Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
        assertThat(DefaultLogging.appConfigured(
                        new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)))
                .isTrue();
    }

    @Test
    void aConfigurationFileGivenAsAPropertyIsLeftToLogback() {
        LoggerContext context = new LoggerContext();
        DefaultLogging logging = new DefaultLogging();
        logging.setContext(context);
        System.setProperty("logback.configurationFile", dir.resolve("mine.xml").toString());
        try {
            assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"))
                    .isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    @Test
    void logbackFindsItAsAServiceOnTheClassPath() throws IOException {
        try (InputStream in = DefaultLogging.class.getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(DefaultLogging.class.getName());
        }
    }
}

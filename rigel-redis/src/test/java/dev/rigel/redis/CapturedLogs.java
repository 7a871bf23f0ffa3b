package dev.rigel.redis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the process while open (WARN and up from any logger, INFO from the loggers
 * named), so outage tests can count how often an outage was logged and check that no request
 * logged an ERROR. Published in the test-jar for the seed app's outage test.
 */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    /** Starts capturing; the loggers named (e.g. a class name) are lowered to INFO meanwhile. */
    public CapturedLogs(String... infoLoggers) {
        for (String name : infoLoggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        appender.start();
        root.addAppender(appender);
    }

    /** The events so far at exactly {@code level}, as {@code logger: message}. */
    public List<String> at(Level level) {
        List<String> lines = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent event : List.copyOf(appender.list)) {
                if (event.getLevel() == level) {
                    lines.add(event.getLoggerName() + ": " + event.getFormattedMessage());
                }
            }
        }
        return lines;
    }

    /** The events so far at {@code level} whose logger name starts with {@code loggerPrefix}. */
    public List<String> at(Level level, String loggerPrefix) {
        return at(level).stream().filter(line -> line.startsWith(loggerPrefix)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        levels.forEach(Logger::setLevel);
    }
}

package dev.rigel.netty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what anything (the server, Netty) logs at WARN and above while open, so a test can assert that client
 * input it sends leaves no warning or error behind.
 */
final class LogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The WARN and ERROR lines so far, with the exception's class when one was logged. */
    List<String> warnings() {
        return appender.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : " " + event.getThrowableProxy().getClassName()))
                .toList();
    }

    /**
     * The WARN and ERROR lines once the server has had a moment to finish closing what the test
     * provoked: some lines (a connection's streams closing) come after the client saw the close.
     */
    List<String> warningsOnceSettled() throws InterruptedException {
        Thread.sleep(300);
        return warnings();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

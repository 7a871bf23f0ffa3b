package dev.rigel.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Loader;
import ch.qos.logback.core.util.OptionHelper;
import dev.rigel.cli.logging.LogLine;

/**
 * Rigel's logging when the app brings no logback configuration of its own: one line per event on
 * standard output ({@link #PATTERN}), INFO and up, Netty's own loggers from WARN. Logback finds it as
 * a service (on the class path, where an app's jar runs) and asks it before its XML configurator; an
 * app with {@code logback.xml}, {@code logback-test.xml} or {@code -Dlogback.configurationFile} is
 * left to that configurator as before. Configuring in code skips Joran's XML parsing and model
 * building, a fifth of a small app's start, and writing the line in code ({@link LogLine}) skips
 * setting up logback's pattern machinery, most of what was left (see DESIGN.md, "What startup
 * skips").
 */
@ConfiguratorRank(ConfiguratorRank.FALLBACK) // after any configurator the app registers itself
public final class DefaultLogging extends ContextAwareBase implements Configurator {

    /** The format of a line: time, level, thread, logger, message and the event's key-value pairs ({@link Line}). */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg %kvp%n";

    /** Logback's own names for the files and the property its XML configurator reads. */
    private static final String[] FILES = {"logback-test.xml", "logback.xml"};

    private static final String FILE_PROPERTY = "logback.configurationFile";

    public DefaultLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (appConfigured(Loader.getClassLoaderOfObject(this))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogLine line = new LogLine();
        line.setContext(context);
        line.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(line);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback's XML configurator would find a configuration (the same places it looks). */
    static boolean appConfigured(ClassLoader loader) {
        if (OptionHelper.getSystemProperty(FILE_PROPERTY) != null) {
            return true;
        }
        for (String file : FILES) {
            if (Loader.getResource(file, loader) != null) {
                return true;
            }
        }
        return false;
    }
}

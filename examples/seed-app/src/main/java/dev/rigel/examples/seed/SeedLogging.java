package dev.rigel.examples.seed;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Loader;
import ch.qos.logback.core.util.OptionHelper;
import dev.rigel.cli.logging.LogLine;

/**
 * The seed's logging, configured in code (a logback {@code Configurator} service, see
 * {@code META-INF/services}) rather than from a {@code logback.xml}: logback's XML configuration
 * costs about a tenth of the seed's start. It is what Rigel's default logging is, plus an
 * asynchronous appender (request logs must not make request threads wait on the console) and
 * quieter loggers. A {@code logback.xml}, {@code logback-test.xml} (the tests have one) or
 * {@code -Dlogback.configurationFile} still wins: this steps aside for them.
 */
public final class SeedLogging extends ContextAwareBase implements Configurator {

    public SeedLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (OptionHelper.getSystemProperty("logback.configurationFile") != null
                || Loader.getResource("logback-test.xml", Loader.getClassLoaderOfObject(this)) != null
                || Loader.getResource("logback.xml", Loader.getClassLoaderOfObject(this)) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} as the seed logs: console behind an async appender, INFO. */
    static void apply(LoggerContext context) {
        // Rigel's default line, written in code rather than by a PatternLayout (cheaper to set up and per line)
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
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.hibernate.validator").setLevel(Level.WARN);
        // Rigel's Redis store and channels log a Redis outage once (WARN) and its end (INFO); Lettuce
        // would add a WARN per connection and a line per reconnect attempt
        context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog").setLevel(Level.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
    }
}

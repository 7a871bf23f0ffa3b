package dev.rigel.cli.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.CachingDateFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Rigel's log line as a logback layout, for an app that configures logback in code and wants the
 * default line: {@code %d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg %kvp%n} (time,
 * level, thread, logger, message, the event's key-value pairs), written in code with logback's own
 * converters for the parts that have rules (the time, the logger's abbreviation, a stack trace). A
 * line is the one a {@code PatternLayout} of that pattern writes, for less: no pattern parser or
 * converter chain to set up at startup, and fewer copies per line.
 *
 * <pre>{@code
 * LogLine line = new LogLine();
 * line.setContext(context);
 * line.start();
 * LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
 * encoder.setContext(context);
 * encoder.setLayout(line);
 * encoder.start();
 * }</pre>
 *
 * <p>It is what Rigel's default logging writes when the app has no logback configuration; logback
 * (an optional dependency of this module) must be on the class path to use it.
 */
public final class LogLine extends LayoutBase<ILoggingEvent> {

    private final CachingDateFormatter time = new CachingDateFormatter("HH:mm:ss.SSS");
    private final TargetLengthBasedClassNameAbbreviator logger = new TargetLengthBasedClassNameAbbreviator(24);
    private final ThrowableProxyConverter throwable = new ThrowableProxyConverter();

    @Override
    public void start() {
        throwable.setContext(getContext());
        throwable.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        // room for a request log line (about 190 characters) without growing the buffer
        StringBuilder line = new StringBuilder(256);
        line.append(time.format(event.getTimeStamp())).append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ");
        line.append(logger.abbreviate(event.getLoggerName())).append(" - ");
        line.append(event.getFormattedMessage()).append(' ');
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (int i = 0; i < pairs.size(); i++) {
                KeyValuePair pair = pairs.get(i);
                if (i > 0) {
                    line.append(' ');
                }
                line.append(pair.key).append("=\"").append(pair.value).append('"');
            }
        }
        line.append(CoreConstants.LINE_SEPARATOR);
        line.append(throwable.convert(event));
        return line.toString();
    }
}

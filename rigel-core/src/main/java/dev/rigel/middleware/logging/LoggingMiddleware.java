package dev.rigel.middleware.logging;

import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.middleware.logging.LoggingConfig.RequestField;
import dev.rigel.middleware.logging.LoggingConfig.ResponseField;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one structured line per request once its response has gone out (or failed). It sits
 * outside compression and rate limiting, so it logs what the client really got: a 429, a 404,
 * an error rendered by an inner boundary.
 */
public final class LoggingMiddleware extends AbstractMiddleware {

    private final LoggingConfig config;
    private final Logger logger;
    private final Level level;
    private final Redaction redaction;

    public LoggingMiddleware(LoggingConfig config) {
        this.config = config;
        this.logger = LoggerFactory.getLogger(config.loggerName());
        this.level = config.level();
        this.redaction = new Redaction(
                config.obfuscatedHeaders(), config.obfuscatedCookies(), config.obfuscatedQueryParameters());
        scopes(ScopeType.HTTP);
        exclude(config.excludedPaths().toArray(String[]::new));
        config.excludeOptKeyName().ifPresent(this::excludeOptKey);
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        if (!logger.isEnabledForLevel(level)) {
            next.call(scope, receive, send);
            return;
        }
        long started = System.nanoTime();
        Message.ResponseStart[] response = new Message.ResponseStart[1];
        Throwable failure = null;
        try {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    response[0] = start;
                }
                send.send(message);
            });
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            log(scope, response[0], System.nanoTime() - started, failure);
        }
    }

    private void log(Scope scope, Message.ResponseStart response, long nanos, Throwable failure) {
        LoggingEventBuilder line = logger.atLevel(level).setMessage("HTTP request");
        for (RequestField field : config.requestFields()) {
            switch (field) {
                case METHOD -> line.addKeyValue("method", scope.method());
                case PATH -> line.addKeyValue("path", scope.path());
                case QUERY -> line.addKeyValue("query", redaction.query(scope.queryString()));
                case CLIENT -> line.addKeyValue("client", client(scope.client()));
                case SCHEME -> line.addKeyValue("scheme", scope.scheme());
                case HTTP_VERSION -> line.addKeyValue("http_version", scope.httpVersion());
                case HEADERS ->
                    line.addKeyValue(
                            "request_headers", redaction.headers(scope.headers(), config.requestHeaderNames()));
                case COOKIES -> line.addKeyValue("request_cookies", redaction.requestCookies(scope.headers()));
            }
        }
        for (ResponseField field : config.responseFields()) {
            switch (field) {
                case STATUS -> line.addKeyValue("status", response == null ? null : response.status());
                case DURATION -> line.addKeyValue("duration_ms", Math.round(nanos / 1_000.0) / 1_000.0);
                case HEADERS -> {
                    if (response != null) {
                        line.addKeyValue(
                                "response_headers",
                                redaction.headers(response.headers(), config.responseHeaderNames()));
                    }
                }
                case COOKIES -> {
                    if (response != null) {
                        line.addKeyValue("response_cookies", redaction.responseCookies(response.headers()));
                    }
                }
            }
        }
        if (failure != null) {
            line.addKeyValue("error", failure.toString());
        }
        line.log();
    }

    private static String client(InetSocketAddress address) {
        return address == null ? null : address.getHostString();
    }

    @Override
    public String toString() {
        return "LoggingMiddleware" + config;
    }

    /** One request logging per route: a closer layer's replaces the app's. */
    @Override
    public Object overrideKey() {
        return LoggingMiddleware.class;
    }
}

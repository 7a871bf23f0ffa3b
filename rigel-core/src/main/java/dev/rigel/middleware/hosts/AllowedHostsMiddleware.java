package dev.rigel.middleware.hosts;

import dev.rigel.exceptions.ClientException;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.util.Locale;
import java.util.Objects;

/**
 * Refuses requests whose {@code Host} header (HTTP/2: {@code :authority}) names no allowed host,
 * before anything else in the app runs; see {@link AllowedHostsConfig} for the rules. Installed by
 * {@code App.builder().allowedHosts(config)}. The refusal is an {@link ClientException}, so it
 * takes the app's standard JSON error shape (and its 400 exception handler, if any).
 */
public final class AllowedHostsMiddleware extends AbstractMiddleware {

    private final AllowedHostsConfig config;
    private final HostMatcher matcher;

    public AllowedHostsMiddleware(AllowedHostsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.matcher = config.matcher();
        if (!config.exclude().isEmpty()) {
            exclude(config.exclude().toArray(String[]::new));
        }
        config.excludeOptKey().ifPresent(this::excludeOptKey);
    }

    public AllowedHostsConfig config() {
        return config;
    }

    /** A header comparison only. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        if (matcher.matchesAny()) {
            next.call(scope, receive, send);
            return;
        }
        String host = scope.headers().get("host");
        int length = HostMatcher.hostLength(host);
        if (length > 0) {
            if (matcher.matches(host, length)) {
                next.call(scope, receive, send);
                return;
            }
            if (config.wwwRedirect() && scope.type() == ScopeType.HTTP && matcher.hasWwwHost(host, length)) {
                send.send(new Message.ResponseStart(301, Headers.of("location", wwwLocation(scope, host, length))));
                send.send(Message.ResponseBody.EMPTY_LAST);
                return;
            }
        }
        throw new ClientException("Invalid host header");
    }

    /** The same URL on the www host; the port is kept, and it was checked to be digits only. */
    private static String wwwLocation(Scope scope, String host, int length) {
        int colon = host.indexOf(':', length);
        String port = colon >= 0 ? host.substring(colon) : "";
        String query = scope.queryString().isEmpty() ? "" : "?" + scope.queryString();
        return scope.scheme() + "://www." + host.substring(0, length).toLowerCase(Locale.ROOT) + port + scope.rawPath()
                + query;
    }

    @Override
    public String toString() {
        return "AllowedHostsMiddleware" + config.allowedHosts();
    }
}

package dev.rigel.security;

import dev.rigel.http.HandlerInfo;
import dev.rigel.http.HttpConnection;
import dev.rigel.http.QueryParams;
import dev.rigel.http.State;
import dev.rigel.internal.text.CookieParser;
import dev.rigel.internal.text.QueryStringParser;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A request as middleware sees it (only its scope), behind the {@link HttpConnection} that
 * handlers know; the query string and cookies are parsed when first asked for.
 */
final class ScopeConnection implements HttpConnection {

    private final Scope scope;
    private QueryParams query;
    private Map<String, String> cookies;

    ScopeConnection(Scope scope) {
        this.scope = scope;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public String path() {
        return scope.path();
    }

    @Override
    public Headers headers() {
        return scope.headers();
    }

    @Override
    public QueryParams query() {
        if (query == null) {
            query = QueryStringParser.parse(scope.queryString());
        }
        return query;
    }

    @Override
    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = CookieParser.parse(scope.headers().getAll("cookie"));
        }
        return cookies;
    }

    @Override
    public Map<String, Object> pathParams() {
        return scope.pathParams();
    }

    @Override
    public Map<String, Object> state() {
        return scope.state();
    }

    @Override
    public State appState() {
        return State.of(scope);
    }

    @Override
    public Optional<InetSocketAddress> client() {
        return Optional.ofNullable(scope.client());
    }

    @Override
    public HandlerInfo handler() {
        return HandlerInfo.of(scope);
    }
}

package dev.rigel.security;

import dev.rigel.http.HttpConnection;
import dev.rigel.http.QueryParams;
import dev.rigel.internal.text.CookieParser;
import dev.rigel.internal.text.QueryStringParser;
import dev.rigel.protocol.Scope;
import java.util.Map;

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
}

package dev.rigel.pgclient.internal;

import io.vertx.pgclient.PgConnectOptions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a database URL the way Rigel's other database modules accept it: {@code postgresql://} or
 * {@code postgres://}, optionally with JDBC's {@code jdbc:} in front, and JDBC's
 * {@code currentSchema} parameter. The Vert.x client would send every parameter it does not know
 * to the server as a setting, and PostgreSQL refuses {@code currentschema}, so it becomes the
 * session's {@code search_path}, which is what the JDBC driver does with it.
 */
public final class PgUrls {

    private PgUrls() {}

    /** The connect options {@code url} describes; throws {@link IllegalArgumentException} naming the URL (password masked). */
    public static PgConnectOptions options(String url) {
        String uri = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        String schema = null;
        int query = uri.indexOf('?');
        if (query >= 0) {
            StringBuilder kept = new StringBuilder();
            for (String pair : uri.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                if (key.toLowerCase(Locale.ROOT).equals("currentschema") && equals >= 0) {
                    schema = pair.substring(equals + 1);
                } else if (!pair.isEmpty()) {
                    kept.append(kept.isEmpty() ? "" : "&").append(pair);
                }
            }
            uri = uri.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
        }
        PgConnectOptions options;
        try {
            options = PgConnectOptions.fromUri(uri);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // neither the client's message nor its exception as the cause: both repeat the URL with its password
            throw new IllegalArgumentException(
                    "Not a PostgreSQL URL (postgresql://user[:password]@host[:port]/db): " + masked(url));
        }
        if (schema != null) {
            Map<String, String> properties = new HashMap<>(options.getProperties());
            properties.put("search_path", schema);
            options.setProperties(properties);
        }
        return options;
    }

    /** The URL with its password, if any, replaced by {@code ***}, for messages and logs. */
    public static String masked(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        int colon = url.indexOf(':', scheme + 3);
        return colon > 0 && colon < at ? url.substring(0, colon + 1) + "***" + url.substring(at) : url;
    }
}

package dev.rigel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import dev.rigel.form.FormData;
import dev.rigel.http.QueryParams;
import dev.rigel.http.Request;
import dev.rigel.protocol.Scope;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Request} a {@link RequestFactory} builds: everything is read from its scope and its
 * body bytes, as the app's own request reads the server's, so a guard or dependency sees what it
 * would see in the app.
 */
final class FactoryRequest implements Request {

    private final Scope scope;
    private final byte[] body;
    private final FormData form;
    private final ObjectMapper mapper;
    private final App app;
    private final QueryParams query;
    private final Map<String, String> cookies;

    FactoryRequest(Scope scope, byte[] body, FormData form, ObjectMapper mapper, App app) {
        this.scope = scope;
        this.body = body;
        this.form = form;
        this.mapper = mapper;
        this.app = app;
        this.query = QueryParams.of(pairs(scope.queryString(), '&'));
        this.cookies = cookies(scope.headers().get("cookie"));
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public String method() {
        return scope.method();
    }

    @Override
    public QueryParams query() {
        return query;
    }

    @Override
    public Map<String, String> cookies() {
        return cookies;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public <T> T json(Class<T> type) {
        return type.cast(json(mapper.constructType(type)));
    }

    @Override
    public <T> T json(Type type) {
        return decode(mapper.constructType(type));
    }

    private <T> T decode(com.fasterxml.jackson.databind.JavaType type) {
        if (body.length == 0) {
            throw new ClientException("Request body is empty; expected JSON");
        }
        String contentType = scope.headers().get("content-type");
        String media =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            throw new UnsupportedMediaTypeException("Expected a JSON body, got " + (media.isEmpty() ? "none" : media));
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new ClientException("Invalid JSON body: null");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ClientException("Malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ClientException("Unreadable JSON body: " + e.getMessage());
        }
    }

    @Override
    public FormData form() {
        if (form != null) {
            return form;
        }
        String contentType = scope.headers().get("content-type");
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new FormData(pairs(text(), '&'), Map.of());
        }
        throw new UnsupportedMediaTypeException("Expected a form body, got " + contentType);
    }

    @Override
    public String urlFor(String routeName, Map<String, ?> pathParams, Map<String, ?> query) {
        if (app == null) {
            return Request.super.urlFor(routeName, pathParams, query);
        }
        return scope.scheme() + "://" + scope.headers().get("host") + app.routeReverse(routeName, pathParams, query);
    }

    @Override
    public String toString() {
        return "FactoryRequest[" + scope + "]";
    }

    /** {@code a=1&b=2&a=3} as multi-valued pairs, percent-decoded. */
    private static Map<String, List<String>> pairs(String encoded, char separator) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split(String.valueOf(separator))) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** The {@code Cookie} header's pairs; the first value of a repeated name wins. */
    private static Map<String, String> cookies(String header) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header != null) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.putIfAbsent(
                            pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }
}

package dev.rigel.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.form.FormData;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Request} without a server or a running app (Litestar's
 * {@code litestar.testing.RequestFactory}), to unit-test guards, dependencies and middleware:
 *
 * <pre>{@code
 * RequestFactory requests = RequestFactory.of(app);
 * Request request = requests.get("/admin/users?page=2")
 *         .header("X-Tenant", "acme")
 *         .user(new User("ada", Set.of("admin")))
 *         .build();
 * new AdminGuard().check(request, request.handler());
 * }</pre>
 *
 * <p>With an app ({@link #of(App)}) the request is routed as the app would route it: its
 * {@link Request#handler()} is the matched route's {@link HandlerInfo} (all layers merged), its
 * path parameters are converted, {@link Request#appState()} is the app's state, JSON uses the
 * app's mapper and {@code urlFor} its route names. Without one ({@link #create()}) there is no
 * route unless one is given with {@link Builder#handler}, the state is the factory's own and JSON
 * uses the mapper of an app with default settings. The built request's {@link Request#scope()} is what middleware take, and
 * {@link #receive(Request)} plays its body.
 */
public final class RequestFactory {

    private final App app;
    private final State state;
    private final ObjectMapper mapper;
    private String host = "testserver.local";
    private String scheme = "http";

    private RequestFactory(App app, State state, ObjectMapper mapper) {
        this.app = app;
        this.state = state;
        this.mapper = mapper;
    }

    /** A factory for requests to {@code app}'s routes, with its state and JSON mapper. */
    public static RequestFactory of(App app) {
        Objects.requireNonNull(app, "app");
        return new RequestFactory(app, app.state(), app.objectMapper());
    }

    /** A factory without an app: an empty app state of its own, and the JSON mapper of an app's defaults. */
    public static RequestFactory create() {
        return new RequestFactory(null, new State(), App.builder().build().objectMapper());
    }

    /** The app state requests of an app-less factory share (an app's factory uses the app's). */
    public State state() {
        return state;
    }

    /** The {@code Host} the requests name (default {@code testserver.local}). */
    public RequestFactory host(String newHost) {
        this.host = Objects.requireNonNull(newHost, "host");
        return this;
    }

    /** {@code http} (default) or {@code https}. */
    public RequestFactory scheme(String newScheme) {
        this.scheme = Objects.requireNonNull(newScheme, "scheme");
        return this;
    }

    public Builder get(String pathAndQuery) {
        return request("GET", pathAndQuery);
    }

    public Builder post(String pathAndQuery) {
        return request("POST", pathAndQuery);
    }

    public Builder put(String pathAndQuery) {
        return request("PUT", pathAndQuery);
    }

    public Builder patch(String pathAndQuery) {
        return request("PATCH", pathAndQuery);
    }

    public Builder delete(String pathAndQuery) {
        return request("DELETE", pathAndQuery);
    }

    /** A request of any method to {@code pathAndQuery} (a path, optionally with a query string). */
    public Builder request(String method, String pathAndQuery) {
        return new Builder(method.toUpperCase(Locale.ROOT), pathAndQuery);
    }

    /**
     * The body of {@code request} as the server would hand it to middleware: one
     * {@code RequestBody} message, then a disconnect for every later receive.
     */
    public static Receive receive(Request request) {
        byte[] body = request.body();
        boolean[] sent = {false};
        return () -> {
            synchronized (sent) {
                if (!sent[0]) {
                    sent[0] = true;
                    return new Message.RequestBody(body, false);
                }
            }
            return Message.Disconnect.INSTANCE;
        };
    }

    /** One request being described; {@link #build()} makes it. */
    public final class Builder {
        private final String method;
        private final String path;
        private final String queryString;
        private final Headers headers = new Headers();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private final List<String> extraQuery = new ArrayList<>();
        private final Map<String, Object> requestState = new LinkedHashMap<>();
        private final Map<String, Object> pathParams = new LinkedHashMap<>();
        private byte[] body = Message.EMPTY;
        private FormData form;
        private Object user;
        private Object auth;
        private HandlerInfo handler;
        private InetSocketAddress client = new InetSocketAddress("127.0.0.1", 50000);

        private Builder(String method, String pathAndQuery) {
            this.method = method;
            int question = pathAndQuery.indexOf('?');
            this.path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
            this.queryString = question < 0 ? "" : pathAndQuery.substring(question + 1);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("A request path starts with '/': " + pathAndQuery);
            }
        }

        /** Adds a header (a repeated name keeps every value). */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        /** Adds {@code name=value} to the query string (encoded). */
        public Builder query(String name, Object value) {
            extraQuery.add(encode(name) + "=" + encode(String.valueOf(value)));
            return this;
        }

        /** The raw body, declared as {@code contentType}. */
        public Builder body(byte[] bytes, String contentType) {
            this.body = bytes.clone();
            headers.set("content-type", contentType);
            return this;
        }

        /** A UTF-8 text body ({@code text/plain}). */
        public Builder text(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        }

        /** {@code value} as a JSON body, encoded with the app's mapper. */
        public Builder json(Object value) {
            try {
                return body(mapper.writeValueAsBytes(value), "application/json");
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot encode " + value + " as JSON: " + e.getMessage(), e);
            }
        }

        /** A url-encoded form body; a value that is an Iterable repeats its field. */
        public Builder form(Map<String, ?> fields) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            StringBuilder encoded = new StringBuilder();
            fields.forEach((name, value) -> {
                Iterable<?> each = value instanceof Iterable<?> many ? many : List.of(String.valueOf(value));
                for (Object one : each) {
                    values.computeIfAbsent(name, key -> new ArrayList<>()).add(String.valueOf(one));
                    encoded.append(encoded.isEmpty() ? "" : "&")
                            .append(encode(name))
                            .append('=')
                            .append(encode(String.valueOf(one)));
                }
            });
            body(encoded.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
            this.form = new FormData(values, Map.of());
            return this;
        }

        /** The authenticated caller, as an authentication middleware would have recorded it. */
        public Builder user(Object caller) {
            this.user = Objects.requireNonNull(caller, "user");
            return this;
        }

        /** What authenticated the caller (a token, its claims); needs {@link #user}. */
        public Builder auth(Object credentials) {
            this.auth = credentials;
            return this;
        }

        /** A per-request state value, as middleware put them. */
        public Builder state(String key, Object value) {
            requestState.put(key, value);
            return this;
        }

        /** A path parameter; overrides what routing converted. */
        public Builder pathParam(String name, Object value) {
            pathParams.put(name, value);
            return this;
        }

        /** The route the request is for; without it an app's factory routes the request. */
        public Builder handler(HandlerInfo route) {
            this.handler = Objects.requireNonNull(route, "handler");
            return this;
        }

        /** The client's address (default 127.0.0.1:50000). */
        public Builder client(InetSocketAddress address) {
            this.client = address;
            return this;
        }

        /**
         * The request. With an app and no {@link #handler}, it is routed as the app would; a
         * method and path no route answers fails here, naming them.
         */
        public Request build() {
            if (auth != null && user == null) {
                throw new IllegalStateException("auth(…) needs user(…): an authentication always has a caller");
            }
            if (!cookies.isEmpty()) {
                StringBuilder cookieHeader = new StringBuilder();
                cookies.forEach((name, value) -> cookieHeader
                        .append(cookieHeader.isEmpty() ? "" : "; ")
                        .append(name)
                        .append('=')
                        .append(value));
                headers.set("cookie", cookieHeader.toString());
            }
            headers.setIfAbsent("host", host);
            if (body.length > 0) {
                headers.set("content-length", Integer.toString(body.length));
            }
            String query = String.join("&", extraQuery);
            if (!queryString.isEmpty()) {
                query = query.isEmpty() ? queryString : queryString + "&" + query;
            }
            Scope scope = Scope.http(method, path)
                    .queryString(query)
                    .headers(headers)
                    .client(client)
                    // unresolved: a made-up host name must not cost a DNS lookup
                    .server(InetSocketAddress.createUnresolved(host, "https".equals(scheme) ? 443 : 80))
                    .scheme(scheme)
                    .build();
            if (handler != null) {
                scope.setRoute(handler, new LinkedHashMap<>(pathParams));
                scope.setAppState(state);
            } else if (app != null) {
                if (!app.route(scope)) {
                    throw new IllegalArgumentException(
                            "No route of the app answers " + method + " " + path + "; give one with handler(…)");
                }
                if (!pathParams.isEmpty()) {
                    Map<String, Object> merged = new LinkedHashMap<>(scope.pathParams());
                    merged.putAll(pathParams);
                    scope.setRoute(scope.route(), merged);
                }
            } else {
                scope.setRoute(null, new LinkedHashMap<>(pathParams));
                scope.setAppState(state);
            }
            scope.state().putAll(requestState);
            if (user != null) {
                new AuthenticationResult(user, auth).attachTo(scope);
            }
            return new FactoryRequest(scope, body, form, mapper, app);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package dev.rigel.middleware.cors;

import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers CORS preflights and marks responses to cross-origin requests, for every HTTP request
 * (404s and 405s included). Installed by {@code App.builder().cors(config)}, outside the app's own
 * middleware, so it sees their answers too.
 *
 * <ul>
 *   <li>No {@code Origin} header: the request passes untouched.</li>
 *   <li>Preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}):
 *   answered here. Allowed → 204 with {@code Access-Control-Allow-Origin} (the origin, plus
 *   {@code Vary: Origin}; or {@code *} when all origins are allowed without credentials),
 *   {@code -Allow-Methods}, {@code -Allow-Headers}, {@code -Max-Age} and {@code -Allow-Credentials}
 *   when set. Refused → 400 {@code text/plain} "Disallowed CORS Origin, Method, Headers" (the
 *   failing parts only) and no CORS headers.</li>
 *   <li>Other requests: the app answers; for an allowed origin the response gets
 *   {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials} and {@code -Expose-Headers}.
 *   Unless the answer is {@code *}, {@code Vary: Origin} is appended to any {@code Vary} present,
 *   for refused origins too, so a shared cache never hands one origin's answer to another.</li>
 * </ul>
 *
 * Header values are joined once, here; a request only compares.
 */
public final class CORSMiddleware implements Middleware {

    private static final String ALL_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    private static final byte[][] REFUSALS = refusalBodies();

    private final CORSConfig config;
    /** {@code *} may be sent only when every origin is allowed and no credentials travel. */
    private final boolean star;

    private final boolean allMethods;
    private final Set<String> methods;
    private final boolean allHeaders;
    private final Set<String> headers;
    private final String allowMethodsValue;
    private final String allowHeadersValue;
    private final String maxAgeValue;
    private final String exposeHeadersValue;

    public CORSMiddleware(CORSConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.star = config.allowsAllOrigins() && !config.allowCredentials();
        this.allMethods = config.allowsAllMethods();
        this.methods = Set.copyOf(config.allowMethods());
        this.allHeaders = config.allowsAllHeaders();
        // safelisted headers are listed too: a JSON Content-Type still needs the server's consent
        Set<String> allowed = new LinkedHashSet<>(config.allowHeaders());
        allowed.addAll(new TreeSet<>(CORSConfig.SAFELISTED_HEADERS));
        this.headers = Set.copyOf(allowed);
        this.allowMethodsValue = allMethods ? ALL_METHODS : String.join(", ", config.allowMethods());
        this.allowHeadersValue = allHeaders ? null : String.join(", ", allowed);
        this.maxAgeValue = Integer.toString(config.maxAge());
        this.exposeHeadersValue = config.exposeHeaders().isEmpty() ? null : String.join(", ", config.exposeHeaders());
    }

    public CORSConfig config() {
        return config;
    }

    /** Header arithmetic only. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Application wrap(Application next) {
        return new Application() {
            @Override
            public void call(Scope scope, Receive receive, Send send) throws Exception {
                Headers request = scope.headers();
                String origin = scope.type() == ScopeType.HTTP ? request.get("origin") : null;
                if (origin == null) {
                    next.call(scope, receive, send);
                    return;
                }
                if (scope.method().equals("OPTIONS")) {
                    String requestedMethod = request.get("access-control-request-method");
                    if (requestedMethod != null) {
                        preflight(origin, requestedMethod, request.get("access-control-request-headers"), send);
                        return;
                    }
                }
                next.call(scope, receive, new MarkingSend(send, config.allowedOrigin(origin)));
            }

            @Override
            public String toString() {
                return "CORSMiddleware -> " + next;
            }
        };
    }

    private void preflight(String origin, String requestedMethod, String requestedHeaders, Send send)
            throws IOException {
        String answer = config.allowedOrigin(origin);
        boolean originOk = answer != null;
        boolean methodOk = allMethods || methods.contains(requestedMethod);
        String echoedHeaders = requestedHeaders == null ? "" : checkedHeaders(requestedHeaders);
        boolean headersOk = echoedHeaders != null;
        if (!originOk || !methodOk || !headersOk) {
            int refusal = (originOk ? 0 : 1) | (methodOk ? 0 : 2) | (headersOk ? 0 : 4);
            send.send(new Message.ResponseStart(400, Headers.of("content-type", "text/plain; charset=utf-8")));
            send.send(new Message.ResponseBody(REFUSALS[refusal], false));
            return;
        }
        Headers response = new Headers(7);
        allowOrigin(response, answer);
        response.add("access-control-allow-methods", allowMethodsValue);
        if (allHeaders) {
            // nothing to list up front: the browser's own list, checked for syntax, is the answer
            if (!echoedHeaders.isEmpty()) {
                response.add("access-control-allow-headers", echoedHeaders);
            }
        } else {
            response.add("access-control-allow-headers", allowHeadersValue);
        }
        response.add("access-control-max-age", maxAgeValue);
        if (config.allowCredentials()) {
            response.add("access-control-allow-credentials", "true");
        }
        send.send(new Message.ResponseStart(204, response));
        send.send(Message.ResponseBody.EMPTY_LAST);
    }

    /**
     * The requested header names, lower-cased and comma-joined, or null when one of them is not
     * a header name or not allowed. An empty list (or only commas) is "".
     */
    private String checkedHeaders(String requested) {
        StringBuilder names = null;
        int length = requested.length();
        int start = 0;
        while (start <= length) {
            int comma = requested.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            String name = requested.substring(start, end).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                if (!CORSConfig.isToken(name) || (!allHeaders && !headers.contains(name))) {
                    return null;
                }
                names = names == null ? new StringBuilder(length) : names.append(", ");
                names.append(name);
            }
            start = end + 1;
        }
        return names == null ? "" : names.toString();
    }

    private void allowOrigin(Headers response, String origin) {
        if (star) {
            response.set("access-control-allow-origin", "*");
        } else {
            response.set("access-control-allow-origin", origin);
            varyOnOrigin(response);
        }
    }

    /** Adds {@code Origin} to the response's {@code Vary}, keeping what is there and not repeating it. */
    private static void varyOnOrigin(Headers response) {
        List<String> vary = response.getAll("vary");
        if (vary.isEmpty()) {
            response.add("vary", "Origin");
            return;
        }
        for (String value : vary) {
            for (String token : value.split(",")) {
                String name = token.strip();
                if (name.equals("*") || name.equalsIgnoreCase("origin")) {
                    return;
                }
            }
        }
        String joined = String.join(", ", vary) + ", Origin";
        response.set("vary", joined);
    }

    /** Marks the response start of a request that carried an Origin; the body passes as it is. */
    private final class MarkingSend implements Send {
        private final Send delegate;
        /** The origin when it is allowed, else null. */
        private final String allowedOrigin;

        MarkingSend(Send delegate, String allowedOrigin) {
            this.delegate = delegate;
            this.allowedOrigin = allowedOrigin;
        }

        @Override
        public void send(Message message) throws IOException {
            if (message instanceof Message.ResponseStart start) {
                Headers response = start.headers();
                if (allowedOrigin != null) {
                    allowOrigin(response, allowedOrigin);
                    if (config.allowCredentials()) {
                        response.set("access-control-allow-credentials", "true");
                    }
                    if (exposeHeadersValue != null) {
                        response.set("access-control-expose-headers", exposeHeadersValue);
                    }
                } else if (!star) {
                    varyOnOrigin(response);
                }
            }
            delegate.send(message);
        }
    }

    /** The eight possible refusal bodies, indexed by origin (1) | method (2) | headers (4). */
    private static byte[][] refusalBodies() {
        byte[][] bodies = new byte[8][];
        for (int refusal = 1; refusal < 8; refusal++) {
            StringBuilder text = new StringBuilder("Disallowed CORS ");
            String separator = "";
            if ((refusal & 1) != 0) {
                text.append("Origin");
                separator = ", ";
            }
            if ((refusal & 2) != 0) {
                text.append(separator).append("Method");
                separator = ", ";
            }
            if ((refusal & 4) != 0) {
                text.append(separator).append("Headers");
            }
            bodies[refusal] = text.toString().getBytes(StandardCharsets.UTF_8);
        }
        return bodies;
    }

    @Override
    public String toString() {
        return "CORSMiddleware[" + config + "]";
    }
}

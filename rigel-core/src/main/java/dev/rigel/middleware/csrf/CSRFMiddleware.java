package dev.rigel.middleware.csrf;

import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.http.Cookie;
import dev.rigel.http.Request;
import dev.rigel.internal.text.CookieParser;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.template.TemplateContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Double-submit-cookie CSRF protection, as Litestar's {@code CSRFMiddleware}; switch it on with
 * {@code App.builder().csrf(CSRFConfig.of(secret))}.
 *
 * <ul>
 *   <li>A safe request (GET, HEAD, OPTIONS, TRACE by default) without a valid token cookie gets a
 *       {@code Set-Cookie} with a fresh signed token.</li>
 *   <li>Any other request must carry that token in the {@code x-csrftoken} header, or in the
 *       {@value #FORM_FIELD} field of a form body ({@code application/x-www-form-urlencoded} whole,
 *       or {@code multipart/form-data} within its first MiB, so before the file inputs), equal to
 *       the cookie's and signed with the secret; otherwise it is refused with 403
 *       {@code "CSRF token verification failed"} before the handler runs.</li>
 *   <li>WebSocket handshakes are not checked (browsers send no custom header on them).</li>
 * </ul>
 *
 * The token of the current request is in {@code request.state()} under {@value #STATE_KEY} and
 * from {@link #token(Request)}, for templates that render forms. The token format is described in
 * {@link CsrfTokens}: 128 lower-case hex characters, a random value and its HMAC-SHA256.
 */
public final class CSRFMiddleware extends AbstractMiddleware {

    /** The {@code request.state()} key holding the current request's token. */
    public static final String STATE_KEY = "csrf_token";

    /** Where templates find the token, as {@code csrf_token} (and {@code csrf_input()} in rigel-pebble). */
    private static final String TEMPLATE_KEY = TemplateContext.stateKey(STATE_KEY);
    /** The form field an HTML form posts the token in. */
    public static final String FORM_FIELD = "_csrf_token";

    /** Forms larger than this are not searched for the token (and so refused unless the header carries it). */
    private static final int FORM_SCAN_LIMIT = 1024 * 1024;

    private final CSRFConfig config;
    private final CsrfTokens tokens;
    private final Set<String> safeMethods;

    public CSRFMiddleware(CSRFConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.tokens = new CsrfTokens(config.secret());
        this.safeMethods = config.safeMethods();
        scopes(ScopeType.HTTP);
        exclude(config.exclude().toArray(String[]::new));
        if (config.excludeFromCsrfKey() != null) {
            excludeOptKey(config.excludeFromCsrfKey());
        }
    }

    /** The CSRF token of this request, to embed in a form or page; empty when the middleware did not run. */
    public static Optional<String> token(Request request) {
        return Optional.ofNullable(request.state().get(STATE_KEY)).map(Object::toString);
    }

    @Override
    public boolean mayBlock() {
        // hashing only; a form body it reads is already buffered when the route runs inline
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        String cookieToken =
                CookieParser.parse(scope.headers().getAll("cookie")).get(config.cookieName());
        boolean cookieValid = tokens.isValid(cookieToken);
        if (safeMethods.contains(scope.method())) {
            if (cookieValid) {
                remember(scope, cookieToken);
                next.call(scope, receive, send);
                return;
            }
            // no cookie, or one we did not sign: hand out a fresh token, which the next unsafe request needs
            String fresh = tokens.generate();
            remember(scope, fresh);
            String setCookie = cookie(fresh).toHeaderValue();
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    start.headers().add("set-cookie", setCookie);
                }
                send.send(message);
            });
            return;
        }
        if (!cookieValid) {
            throw denied();
        }
        String submitted = scope.headers().get(config.headerName());
        Receive downstream = receive;
        String contentType = scope.headers().get("content-type");
        if (submitted == null && isForm(contentType)) {
            FormTokenReader form = FormTokenReader.read(receive, FORM_SCAN_LIMIT);
            submitted = form.field(FORM_FIELD);
            downstream = form.replay(receive);
        } else if (submitted == null && isMultipart(contentType)) {
            FormTokenReader form = FormTokenReader.read(receive, FORM_SCAN_LIMIT);
            submitted = form.multipartField(contentType, FORM_FIELD);
            downstream = form.replay(receive);
        }
        if (!CsrfTokens.matches(submitted, cookieToken)) {
            throw denied();
        }
        remember(scope, cookieToken);
        next.call(scope, downstream, send);
    }

    private Cookie cookie(String token) {
        return new Cookie(
                config.cookieName(),
                token,
                config.cookiePath(),
                config.cookieDomain(),
                null,
                config.cookieSecure(),
                config.cookieHttpOnly(),
                config.cookieSameSite());
    }

    private static boolean isForm(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).strip().startsWith("application/x-www-form-urlencoded");
    }

    private static boolean isMultipart(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).strip().startsWith("multipart/form-data");
    }

    private static PermissionDeniedException denied() {
        return new PermissionDeniedException("CSRF token verification failed");
    }

    @Override
    public String toString() {
        return "CSRFMiddleware[cookie=" + config.cookieName() + ", header=" + config.headerName() + "]";
    }

    /** The request's token, for handlers ({@link #token}) and for templates. */
    private static void remember(Scope scope, String token) {
        Map<String, Object> state = scope.state();
        state.put(STATE_KEY, token);
        state.put(TEMPLATE_KEY, token);
    }
}

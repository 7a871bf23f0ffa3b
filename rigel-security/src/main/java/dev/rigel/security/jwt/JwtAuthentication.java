package dev.rigel.security.jwt;

import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.Cookie;
import dev.rigel.http.HttpConnection;
import dev.rigel.http.Response;
import dev.rigel.http.SecurityScheme;
import dev.rigel.protocol.ScopeType;
import dev.rigel.security.AbstractAuthenticationMiddleware;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * JWT bearer authentication (Litestar's {@code JWTAuth}, {@code JWTCookieAuth} and {@code
 * OAuth2PasswordBearerAuth} in one): the token comes in {@code Authorization: Bearer …}, or, when
 * configured, in a cookie, and on WebSocket handshakes (where browsers cannot set headers) also in
 * a query parameter. The {@link TokenVerifier} decides whether it is good; the caller ({@code
 * user}) is what the {@link UserLoader} makes of it (by default the token's subject), and {@code
 * auth} is the {@link Token}. To load the user with the app's dependencies instead, declare a
 * dependency named {@code user} that takes {@code Token auth}.
 *
 * <pre>{@code
 * TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, secret).build();
 * JwtAuthentication jwt = JwtAuthentication.bearer(TokenVerifier.builder()…build())
 *         .issuer(encoder, Duration.ofMinutes(15))
 *         .build();
 * jwt.exclude("^/login$");
 * App.builder().middleware(jwt)…
 * Route.post("/login", (Credentials data) -> jwt.login(Token.builder().subject(check(data)).build()))
 * }</pre>
 *
 * <p>Every refusal is a 401 with the standard error body and an RFC 6750 challenge: {@code
 * WWW-Authenticate: Bearer} when no token came, and {@code Bearer error="invalid_token",
 * error_description="…"} for a malformed header or a token the verifier refused. The scheme must
 * be written {@code Bearer}, followed by one space and one token.
 */
public final class JwtAuthentication extends AbstractAuthenticationMiddleware {

    /** Makes the caller from a verified token; null when the token's user does not exist (a 401). */
    @FunctionalInterface
    public interface UserLoader {
        Object load(Token token, HttpConnection connection) throws Exception;
    }

    private static final String PREFIX = "Bearer ";

    private final TokenVerifier verifier;
    private final UserLoader users;
    private final String cookieName;
    private final String queryParameter;
    private final Cookie cookieTemplate;
    private final TokenEncoder encoder;
    private final Duration lifetime;
    private final List<SecurityScheme> schemes;
    private final Clock clock;
    private final String challenge;
    private final dev.rigel.security.SecretString staticToken;
    private final Object staticUser;

    private JwtAuthentication(Builder builder) {
        this.staticToken = builder.staticToken;
        this.staticUser = builder.staticUser;
        this.verifier = builder.verifier;
        this.users = builder.users;
        this.cookieName = builder.cookieName;
        this.queryParameter = builder.queryParameter;
        this.cookieTemplate = builder.cookieTemplate;
        this.encoder = builder.encoder;
        this.lifetime = builder.lifetime;
        this.clock = builder.clock;
        this.challenge = InvalidTokenException.bareChallenge(verifier.realm());
        List<SecurityScheme> declared = new ArrayList<>();
        declared.add(
                builder.tokenUrl == null
                        ? SecurityScheme.bearer(builder.schemeName, "JWT")
                        : SecurityScheme.oauth2Password(builder.schemeName, builder.tokenUrl));
        if (cookieName != null) {
            declared.add(SecurityScheme.apiKey(builder.schemeName + "Cookie", "cookie", cookieName));
        }
        this.schemes = List.copyOf(declared);
    }

    /** Tokens in the {@code Authorization} header. */
    public static Builder bearer(TokenVerifier verifier) {
        return new Builder(verifier, "jwt");
    }

    /**
     * Tokens in the {@code Authorization} header or, when it is absent, in the cookie {@code
     * cookieName} ({@link #login} sets it).
     */
    public static Builder cookie(TokenVerifier verifier, String cookieName) {
        return new Builder(verifier, "jwt").cookie(cookieName);
    }

    /**
     * Tokens in the {@code Authorization} header, documented as OAuth 2.0's password flow with the
     * token URL that issues them (the app's login route, which answers with {@link #login}).
     */
    public static Builder oauth2PasswordBearer(TokenVerifier verifier, String tokenUrl) {
        Builder builder = new Builder(verifier, "oauth2");
        builder.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        return builder;
    }

    @Override
    public List<SecurityScheme> securitySchemes() {
        return schemes;
    }

    @Override
    protected AuthenticationResult authenticate(HttpConnection connection) throws Exception {
        String compact = presentedToken(connection);
        if (staticToken != null && staticToken.matches(compact)) {
            return new AuthenticationResult(staticUser, null);
        }
        Token token = verifier.verify(compact);
        Object user = users.load(token, connection);
        if (user == null) {
            throw new NotAuthorizedException(
                    "Unknown user", Map.of("WWW-Authenticate", invalid("the token's user does not exist")), null);
        }
        return new AuthenticationResult(user, token);
    }

    /** The token the request presents, or a 401 saying what is wrong with how it came. */
    private String presentedToken(HttpConnection connection) {
        List<String> headers = connection.headers().getAll("authorization");
        if (!headers.isEmpty()) {
            return fromHeader(headers.getFirst());
        }
        if (cookieName != null) {
            Optional<String> cookie = connection.cookie(cookieName);
            if (cookie.isPresent()) {
                String value = cookie.get();
                return value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
            }
        }
        if (queryParameter != null && connection.scope().type() == ScopeType.WEBSOCKET) {
            Optional<String> query = connection.query().first(queryParameter);
            if (query.isPresent()) {
                return query.get();
            }
        }
        throw new NotAuthorizedException("No token in the request", Map.of("WWW-Authenticate", challenge), null);
    }

    private String fromHeader(String value) {
        if (value.isBlank()) {
            throw malformed("the Authorization header is empty");
        }
        if (value.equals("Bearer")) {
            // "Bearer " arrives so too: servers trim a field value's trailing whitespace (RFC 9110 5.5)
            throw malformed("no token after Bearer");
        }
        if (!value.startsWith(PREFIX)) {
            throw malformed(
                    value.regionMatches(true, 0, "Bearer", 0, 6) && (value.length() == 6 || value.charAt(6) == ' ')
                            ? "write the scheme as Bearer"
                            : "the Authorization scheme is not Bearer");
        }
        String token = value.substring(PREFIX.length());
        if (token.isEmpty()) {
            throw malformed("no token after Bearer");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                throw malformed("one token after Bearer, without spaces");
            }
        }
        return token;
    }

    private NotAuthorizedException malformed(String description) {
        return new NotAuthorizedException(
                "Malformed Authorization header", Map.of("WWW-Authenticate", invalid(description)), null);
    }

    private String invalid(String description) {
        return InvalidTokenException.challenge(description, verifier.realm());
    }

    /**
     * The answer of a login route (RFC 6749 5.1): {@code token} signed with the issuer's encoder,
     * lasting the configured lifetime, as {@code {"access_token", "token_type": "Bearer",
     * "expires_in"}} with {@code Cache-Control: no-store}; with cookie authentication the token is
     * also set as the cookie. Fails when no issuer was configured.
     */
    public Response<Map<String, Object>> login(Token token) {
        if (encoder == null) {
            throw new IllegalStateException(
                    "This JwtAuthentication has no issuer; configure one with issuer(encoder, lifetime)");
        }
        // whole seconds, as the token's claims are: expires_in then says the lifetime exactly
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Token.Builder issued = token.toBuilder();
        if (token.issuedAt().isEmpty()) {
            issued.issuedAt(now);
        }
        if (token.expiresAt().isEmpty()) {
            issued.expiresAt(now.plus(lifetime));
        }
        Token signed = issued.build();
        String encoded = encoder.encode(signed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", encoded);
        body.put("token_type", "Bearer");
        long expiresIn = Duration.between(now, signed.expiresAt().orElseThrow()).toSeconds();
        body.put("expires_in", Math.max(0, expiresIn));
        if (!signed.scopes().isEmpty()) {
            body.put("scope", String.join(" ", signed.scopes()));
        }
        Response<Map<String, Object>> response = Response.<Map<String, Object>>of(body)
                .status(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
        if (cookieName != null) {
            Cookie template = cookieTemplate;
            response = response.cookie(new Cookie(
                    template.name(),
                    encoded,
                    template.path(),
                    template.domain(),
                    Duration.ofSeconds(Math.max(0, expiresIn)),
                    template.secure(),
                    template.httpOnly(),
                    template.sameSite()));
        }
        return response;
    }

    /** Configures a {@link JwtAuthentication}. */
    public static final class Builder {
        private final TokenVerifier verifier;
        private String schemeName;
        private String tokenUrl;
        private UserLoader users = (token, connection) -> token.subject().orElse(null);
        private String cookieName;
        private Cookie cookieTemplate;
        private String queryParameter;
        private TokenEncoder encoder;
        private Duration lifetime;
        private Clock clock = Clock.systemUTC();
        private dev.rigel.security.SecretString staticToken;
        private Object staticUser;

        private Builder(TokenVerifier verifier, String schemeName) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            this.schemeName = schemeName;
        }

        /** Makes the caller from the token (default: its {@code sub}; no subject is a 401). */
        public Builder user(UserLoader loader) {
            this.users = Objects.requireNonNull(loader, "loader");
            return this;
        }

        private Builder cookie(String name) {
            this.cookieName = Objects.requireNonNull(name, "cookie name");
            this.cookieTemplate =
                    Cookie.of(name, "").withHttpOnly(true).withSecure(true).withSameSite(Cookie.SameSite.LAX);
            return this;
        }

        /**
         * The cookie {@link #login} sets (its name must be the one tokens are read from): set
         * HttpOnly, Secure, SameSite and path on it; its value and max age are the token's.
         */
        public Builder cookieAttributes(Cookie template) {
            if (cookieName == null || !cookieName.equals(template.name())) {
                throw new IllegalArgumentException("the cookie template must be named " + cookieName);
            }
            this.cookieTemplate = template;
            return this;
        }

        /**
         * On WebSocket handshakes, also read the token from this query parameter (browsers cannot
         * set headers there). Hide it from request logs too: {@code LoggingConfig}'s obfuscated
         * query parameters.
         */
        public Builder webSocketQueryParameter(String name) {
            this.queryParameter = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The security scheme's name in API documentation (default {@code jwt}, or {@code oauth2}). */
        public Builder schemeName(String name) {
            this.schemeName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Signs tokens for {@link #login}, each lasting {@code lifetime} unless it says otherwise. */
        public Builder issuer(TokenEncoder encoder, Duration lifetime) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("a token lifetime must be positive, got " + lifetime);
            }
            this.lifetime = lifetime;
            return this;
        }

        /**
         * Also accepts one fixed bearer token, not a JWT, as {@code user} (with no {@code auth}):
         * for scripts and service accounts that cannot log in. Compared in constant time, before
         * any JWT parsing. Rotate it like a password; it never expires.
         */
        public Builder staticToken(dev.rigel.security.SecretString token, Object user) {
            if (token.isEmpty()) {
                throw new IllegalArgumentException("a static token must not be empty");
            }
            this.staticToken = token;
            this.staticUser = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The clock {@link #login} stamps tokens with (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JwtAuthentication build() {
            return new JwtAuthentication(this);
        }
    }
}

package dev.rigel.examples.seed;

import dev.rigel.security.SecretString;
import dev.rigel.security.jwt.JwtAlgorithm;
import dev.rigel.security.jwt.JwtAuthentication;
import dev.rigel.security.jwt.Token;
import dev.rigel.security.jwt.TokenEncoder;
import dev.rigel.security.jwt.TokenVerifier;
import dev.rigel.security.jwt.VerificationKey;
import java.time.Duration;

/**
 * How the seed authenticates: HS256 access tokens from {@code POST /api/v1/auth/login}, signed
 * with {@code JWT_SECRET}, carrying the user's id ({@code sub}) and name; and the static {@code
 * API_TOKEN}, which scripts send as the admin. On WebSocket handshakes the token may also come as
 * {@code ?token=…}, since browsers cannot set headers there (request logs mask it).
 */
final class SeedAuth {

    static final String ISSUER = "rigel-seed";
    static final String AUDIENCE = "rigel-seed-api";
    static final Duration LIFETIME = Duration.ofMinutes(30);

    private SeedAuth() {}

    /** The authentication middleware, which also issues tokens ({@link JwtAuthentication#login}). */
    static JwtAuthentication create(SeedSettings settings) {
        SecretString secret = SecretString.of(settings.jwtSecret());
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(VerificationKey.hmac(JwtAlgorithm.HS256, secret))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .build();
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, secret)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .randomId()
                .build();
        JwtAuthentication jwt = JwtAuthentication.bearer(verifier)
                .schemeName("bearer")
                .issuer(encoder, LIFETIME)
                .staticToken(SecretString.of(settings.apiToken()), Caller.ADMIN)
                .user(SeedAuth::caller)
                .webSocketQueryParameter("token")
                .build();
        jwt.exclude("^/api/v1/auth/login$");
        return jwt;
    }

    /** The caller a verified token names; a subject that is no user id is no caller. */
    private static Caller caller(Token token, dev.rigel.http.HttpConnection connection) {
        try {
            long id = Long.parseLong(token.subject().orElse(""));
            return new Caller(id, token.claim("name", String.class).orElse(""), false);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The token a login hands to {@code user}. */
    static Token tokenFor(User user) {
        return Token.builder()
                .subject(Long.toString(user.id()))
                .claim("name", user.name())
                .build();
    }
}

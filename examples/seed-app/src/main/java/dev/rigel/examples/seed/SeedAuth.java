package dev.rigel.examples.seed;

import dev.rigel.security.SecretString;
import dev.rigel.security.jwt.JwtAlgorithm;
import dev.rigel.security.jwt.JwtAuthentication;
import dev.rigel.security.jwt.Token;
import dev.rigel.security.jwt.TokenEncoder;
import dev.rigel.security.jwt.TokenVerifier;
import dev.rigel.security.jwt.VerificationKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;

/**
 * How the seed authenticates: access tokens from {@code POST /api/v1/auth/login}, HS256 signed
 * with {@code JWT_SECRET} (or RS256 with a key pair made at startup, {@code JWT_ALGORITHM=RS256}), carrying the user's id ({@code sub}) and name; and the static {@code
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
        TokenVerifier.Builder verifying = TokenVerifier.builder().issuer(ISSUER).audience(AUDIENCE);
        TokenEncoder.Builder encoding;
        if (settings.jwtAlgorithm().equals("RS256")) {
            KeyPair keys = rsaKeys();
            verifying.algorithms(JwtAlgorithm.RS256).keys(VerificationKey.of(keys.getPublic()));
            encoding = TokenEncoder.rsa(keys.getPrivate());
        } else {
            SecretString secret = SecretString.of(settings.jwtSecret());
            verifying.algorithms(JwtAlgorithm.HS256).keys(VerificationKey.hmac(JwtAlgorithm.HS256, secret));
            encoding = TokenEncoder.hmac(JwtAlgorithm.HS256, secret);
        }
        TokenVerifier verifier = verifying.build();
        TokenEncoder encoder =
                encoding.issuer(ISSUER).audience(AUDIENCE).randomId().build();
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

    /** A fresh RSA key pair: RS256 tokens are good only while this process runs. */
    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
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

package dev.rigel.security.jwt;

import dev.rigel.exceptions.NotAuthorizedException;
import java.util.Map;
import java.util.Objects;

/**
 * A bearer token was refused: a 401 whose {@code WWW-Authenticate} header says why in RFC 6750's
 * terms, e.g. {@code Bearer error="invalid_token", error_description="token expired"} (with {@code
 * realm="…"} first when the verifier has one). The body's detail is a fixed text per {@link
 * Reason}, so nothing of the token, of a key or of the JOSE library's messages reaches the client.
 */
public class InvalidTokenException extends NotAuthorizedException {

    /** Why a token was refused; each has a fixed detail (the 401 body) and description (the header). */
    public enum Reason {
        /** Not a signed JWT: bad structure, bad base64url, a header or payload that is not a JSON object, a registered claim of the wrong type. */
        MALFORMED("Malformed token", "malformed token"),
        /** Longer than the verifier's maximum; refused before any parsing. */
        TOO_LONG("Token too long", "token too long"),
        /** The {@code alg} header names an algorithm the verifier does not accept ({@code none} included). */
        ALGORITHM_NOT_ALLOWED("Token algorithm not allowed", "signing algorithm not allowed"),
        /** No key of the verifier matches the token's key id and algorithm. */
        UNKNOWN_KEY("Token signed with an unknown key", "unknown signing key"),
        /** The signature does not match the token's contents. */
        BAD_SIGNATURE("Invalid token signature", "invalid signature"),
        /** The {@code typ} header is not the one the verifier requires. */
        WRONG_TYPE("Wrong token type", "wrong token type"),
        /** {@code exp} has passed (beyond the clock leeway). */
        EXPIRED("Token expired", "token expired"),
        /** {@code nbf} is still ahead (beyond the clock leeway). */
        NOT_YET_VALID("Token not yet valid", "token not yet valid"),
        /** {@code iss} is not an accepted issuer. */
        WRONG_ISSUER("Token from an untrusted issuer", "untrusted issuer"),
        /** {@code aud} names none of the accepted audiences. */
        WRONG_AUDIENCE("Token not meant for this service", "wrong audience"),
        /** A claim the verifier requires is absent. */
        MISSING_CLAIM("Token lacks a required claim", "required claim missing"),
        /** The token's {@code jti} has been revoked. */
        REVOKED("Token revoked", "token revoked");

        private final String detail;
        private final String description;

        Reason(String detail, String description) {
            this.detail = detail;
            this.description = description;
        }

        /** The 401 body's {@code detail}. */
        public String detail() {
            return detail;
        }

        /** The {@code error_description} of the {@code WWW-Authenticate} header. */
        public String description() {
            return description;
        }
    }

    private final Reason reason;

    /** A refusal for {@code reason}, without a realm. */
    public InvalidTokenException(Reason reason) {
        this(reason, null);
    }

    /**
     * A refusal for {@code reason}, with {@code realm} in its challenge when not null.
     *
     * @throws IllegalArgumentException when {@code realm} cannot be written in a quoted string
     */
    public InvalidTokenException(Reason reason, String realm) {
        super(
                Objects.requireNonNull(reason, "reason").detail,
                Map.of("WWW-Authenticate", challenge(reason, realm)),
                null);
        this.reason = reason;
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }

    /** The {@code WWW-Authenticate} value for {@code reason} and {@code realm} (null: none). */
    static String challenge(Reason reason, String realm) {
        return challenge(reason.description, realm);
    }

    /**
     * {@code Bearer [realm="…", ]error="invalid_token", error_description="…"}: the challenge for
     * any refused token or malformed header, {@code description} saying why.
     */
    static String challenge(String description, String realm) {
        return bareChallenge(realm) + (realm == null ? " " : ", ") + "error=\"invalid_token\", error_description=\""
                + description + '"';
    }

    /** {@code Bearer}, with the realm when there is one: the challenge when no token came (RFC 6750 3.1). */
    static String bareChallenge(String realm) {
        if (realm == null) {
            return "Bearer";
        }
        checkRealm(realm);
        return "Bearer realm=\"" + realm + '"';
    }

    /**
     * A realm goes into a quoted string as it is: printable ASCII without {@code "} or {@code \}
     * (the same characters RFC 6750 §3 allows in its other attributes).
     */
    static void checkRealm(String realm) {
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException(
                        "a realm must be printable ASCII without quotes or backslashes, got '" + realm + "'");
            }
        }
    }
}

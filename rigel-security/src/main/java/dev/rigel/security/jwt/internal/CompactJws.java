package dev.rigel.security.jwt.internal;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A JWS in compact serialization ({@code header.payload.signature}, RFC 7515 §7.1), split and its
 * header read, but its payload not yet parsed: a token's claims are read only once its signature
 * holds, so a forged token costs a header parse and a signature check, nothing more.
 *
 * <p>Stricter than Nimbus on purpose: every character must be of the base64url alphabet (Nimbus'
 * decoder skips others, so {@code "a!b"} would decode as {@code "ab"}), spelled canonically (so a
 * token has one spelling, which the verified-token cache keys on), and a header with {@code
 * crit} or {@code b64} is refused (RFC 7515 §4.1.11: a recipient rejects critical extensions it
 * does not understand, and this one understands none).
 */
public final class CompactJws {

    private final String algorithm;
    private final JWSHeader header;
    private final byte[] signingInput;
    private final Base64URL payload;
    private final Base64URL signature;

    private CompactJws(
            String algorithm, JWSHeader header, byte[] signingInput, Base64URL payload, Base64URL signature) {
        this.algorithm = algorithm;
        this.header = header;
        this.signingInput = signingInput;
        this.payload = payload;
        this.signature = signature;
    }

    /**
     * Splits {@code token} and reads its header; {@code algorithmAllowed} is asked about the
     * {@code alg} before the header is interpreted any further.
     */
    public static CompactJws parse(String token, Predicate<String> algorithmAllowed) throws JoseFailure {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0
                || !isBase64Url(token, 0, first)
                || !isBase64Url(token, first + 1, second)
                || (second + 1 < token.length() && !isBase64Url(token, second + 1, token.length()))) {
            // a third dot (a JWE has four) lands here too; an empty signature is judged below,
            // once the header has said whether the token claims to be unsigned
            throw new JoseFailure(JoseFailure.Kind.MALFORMED);
        }
        Base64URL headerPart = new Base64URL(token.substring(0, first));
        Map<String, Object> headerJson = jsonObject(headerPart);
        if (!(headerJson.get("alg") instanceof String algorithm)) {
            throw new JoseFailure(JoseFailure.Kind.MALFORMED);
        }
        if (!algorithmAllowed.test(algorithm)) {
            // "none" is never allowed: an unsigned token (empty signature) is refused here
            throw new JoseFailure(JoseFailure.Kind.ALGORITHM_NOT_ALLOWED);
        }
        if (second == token.length() - 1) {
            throw new JoseFailure(JoseFailure.Kind.MALFORMED);
        }
        JWSHeader header;
        try {
            header = JWSHeader.parse(headerJson, headerPart);
        } catch (ParseException | RuntimeException e) {
            throw new JoseFailure(JoseFailure.Kind.MALFORMED);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()
                || headerJson.containsKey("b64")) {
            throw new JoseFailure(JoseFailure.Kind.MALFORMED);
        }
        byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws(
                algorithm,
                header,
                signingInput,
                new Base64URL(token.substring(first + 1, second)),
                new Base64URL(token.substring(second + 1)));
    }

    /** The {@code alg} header as written. */
    public String algorithm() {
        return algorithm;
    }

    /** The {@code kid} header, or null. */
    public String keyId() {
        return header.getKeyID();
    }

    /** The {@code typ} header, or null. */
    public String type() {
        return header.getType() == null ? null : header.getType().getType();
    }

    /** The header, as Nimbus' verifiers take it. */
    public JWSHeader header() {
        return header;
    }

    /** The bytes the signature covers: the first two parts, as sent. */
    public byte[] signingInput() {
        return signingInput;
    }

    public Base64URL signature() {
        return signature;
    }

    /** The payload's claims; only to be read once the signature is verified. */
    public Map<String, Object> claims() throws JoseFailure {
        return jsonObject(payload);
    }

    private static Map<String, Object> jsonObject(Base64URL part) throws JoseFailure {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(part.decodeToString());
            if (json == null) {
                throw new JoseFailure(JoseFailure.Kind.MALFORMED);
            }
            return json;
        } catch (ParseException | RuntimeException e) {
            // Nimbus reports bad JSON as ParseException; anything else it lets slip (a decoder's
            // IllegalArgumentException, a number it cannot hold) is the same answer: not a token
            throw new JoseFailure(JoseFailure.Kind.MALFORMED);
        }
    }

    /**
     * Whether {@code text[from, to)} is non-empty, unpadded, canonical base64url: only its alphabet,
     * a length that decodes to whole bytes, and zero bits where the last character has more bits
     * than the bytes need (else several spellings would decode to the same bytes, and a changed
     * token could still verify).
     */
    private static boolean isBase64Url(String text, int from, int to) {
        int length = to - from;
        if (length <= 0 || length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            last = sextet(text.charAt(i));
            if (last < 0) {
                return false;
            }
        }
        int unusedBits = length % 4 == 2 ? 0b1111 : length % 4 == 3 ? 0b11 : 0;
        return (last & unusedBits) == 0;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}

package dev.rigel.security.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the signature-verification keys out of a JWK Set document (RFC 7517 §5). The document
 * itself must be well formed (a JSON object with a {@code keys} array of objects), else nothing of
 * it is trusted; within it, a key that is not for verifying signatures ({@code use} other than
 * {@code sig}, {@code key_ops} without {@code verify}), of a type Rigel does not verify with
 * (symmetric {@code oct} keys among them: a published key set is public), or broken, is skipped
 * with a note, so that one odd key does not take the provider's other keys down with it.
 */
public final class JwkSetReader {

    /** A public key read from the set, with its {@code kid} and {@code alg} where the JWK had them. */
    public record Entry(String keyId, PublicKey key, String algorithm) {}

    /** The usable keys, and why each other key was skipped (for a log line; no key material). */
    public record Result(List<Entry> keys, List<String> skipped) {}

    private JwkSetReader() {}

    /**
     * The keys of {@code json}.
     *
     * @throws IllegalArgumentException when the document is not a JWK Set
     */
    public static Result read(String json) {
        Map<String, Object>[] keys;
        try {
            Map<String, Object> document = JSONObjectUtils.parse(json);
            if (document == null || !(document.get("keys") instanceof List<?>)) {
                throw new IllegalArgumentException("not a JWK Set: no \"keys\" array");
            }
            keys = JSONObjectUtils.getJSONObjectArray(document, "keys");
        } catch (ParseException | RuntimeException e) {
            throw e instanceof IllegalArgumentException iae
                    ? iae
                    : new IllegalArgumentException("not a JWK Set: " + e.getMessage());
        }
        List<Entry> usable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            Map<String, Object> jwk = keys[i];
            String label = "key " + i + (jwk.get("kid") instanceof String kid ? " (kid " + kid + ")" : "");
            String problem = notForVerifying(jwk);
            if (problem != null) {
                skipped.add(label + ": " + problem);
                continue;
            }
            try {
                usable.add(entry(JWK.parse(jwk)));
            } catch (ParseException | RuntimeException | JOSEException e) {
                skipped.add(label + ": " + e.getMessage());
            }
        }
        return new Result(List.copyOf(usable), List.copyOf(skipped));
    }

    private static String notForVerifying(Map<String, Object> jwk) {
        Object use = jwk.get("use");
        if (use != null && !"sig".equals(use)) {
            return "use is " + use + ", not sig";
        }
        Object operations = jwk.get("key_ops");
        if (operations != null && !(operations instanceof List<?> list && list.contains("verify"))) {
            return "key_ops does not include verify";
        }
        Object algorithm = jwk.get("alg");
        if (algorithm != null && !(algorithm instanceof String)) {
            return "alg is not a string";
        }
        Object type = jwk.get("kty");
        if (!"RSA".equals(type) && !"EC".equals(type) && !"OKP".equals(type)) {
            return "key type " + type + " is not used to verify tokens";
        }
        return null;
    }

    private static Entry entry(JWK jwk) throws JOSEException {
        String algorithm =
                jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        PublicKey key;
        if (jwk instanceof RSAKey rsa) {
            key = rsa.toRSAPublicKey();
        } else if (jwk instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("curve " + ec.getCurve() + " is not P-256");
            }
            key = ec.toECPublicKey();
        } else if (jwk instanceof OctetKeyPair okp) {
            if (!Curve.Ed25519.equals(okp.getCurve())) {
                throw new IllegalArgumentException("curve " + okp.getCurve() + " is not Ed25519");
            }
            key = Ed25519Jdk.publicKey(okp.getX().decode());
        } else {
            throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType());
        }
        return new Entry(jwk.getKeyID(), key, algorithm);
    }
}

package dev.rigel.security.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/**
 * Nimbus' signers and verifiers, made from JDK keys and secrets, and the two operations Rigel needs
 * of them: sign a set of claims, check a parsed token's signature. Key checks (sizes, curves,
 * which algorithm a key may serve) are made by the callers before they come here.
 */
public final class JoseCrypto {

    private JoseCrypto() {}

    public static JWSVerifier hmacVerifier(byte[] secret) {
        try {
            return new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static JWSVerifier rsaVerifier(RSAPublicKey key) {
        return new RSASSAVerifier(key);
    }

    public static JWSVerifier ecVerifier(ECPublicKey key) {
        try {
            return new ECDSAVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static JWSSigner hmacSigner(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static JWSSigner rsaSigner(PrivateKey key) {
        return new RSASSASigner(key);
    }

    public static JWSSigner ecSigner(ECPrivateKey key) {
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether {@code key} is on NIST P-256 (secp256r1), the only curve of ES256. */
    public static boolean isP256(ECKey key) {
        return Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()));
    }

    /**
     * Signs {@code claims} into a compact JWS with header {@code alg}, and {@code kid} and {@code
     * typ} where not null.
     */
    public static String sign(
            JWSSigner signer, String algorithm, String keyId, String type, Map<String, Object> claims) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm));
        if (keyId != null) {
            header.keyID(keyId);
        }
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(claims));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed: " + e.getMessage(), e);
        }
        return jws.serialize();
    }

    /**
     * Whether {@code verifier} accepts {@code token}'s signature. Never throws: a signature the
     * verifier cannot even read (a wrong length, a malformed ECDSA value) is simply not valid.
     */
    public static boolean verify(JWSVerifier verifier, CompactJws token) {
        try {
            return verifier.verify(token.header(), token.signingInput(), token.signature());
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}

package dev.rigel.security.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * EdDSA over Ed25519 (RFC 8037) on the JDK's own {@code Signature("Ed25519")} (in the JDK since
 * 15). Nimbus' {@code Ed25519Signer}/{@code Ed25519Verifier} need Google Tink; these two small
 * adapters let Nimbus sign and check Ed25519 without it.
 */
public final class Ed25519Jdk {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private static final Set<JWSAlgorithm> EDDSA = Set.of(JWSAlgorithm.EdDSA);

    private Ed25519Jdk() {}

    /** Whether {@code key} is an Ed25519 key (not Ed448). */
    public static boolean isEd25519(Key key) {
        return key instanceof EdECKey ed
                && ed.getParams() instanceof NamedParameterSpec named
                && "Ed25519".equalsIgnoreCase(named.getName());
    }

    /**
     * The public key whose raw 32-byte encoding (a JWK's {@code x}) is {@code raw}.
     *
     * @throws IllegalArgumentException when {@code raw} is not 32 bytes or not a key
     */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] der = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public static JWSSigner signer(PrivateKey key) {
        return new Signer(key);
    }

    public static JWSVerifier verifier(PublicKey key) {
        return new Verifier(key);
    }

    private static final class Signer implements JWSSigner {
        private final PrivateKey key;
        private final JCAContext context = new JCAContext();

        Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return EDDSA;
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }

    private static final class Verifier implements JWSVerifier {
        private final PublicKey key;
        private final JCAContext context = new JCAContext();

        Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return false;
            }
            byte[] bytes = signature.decode();
            if (bytes.length != 64) {
                return false;
            }
            try {
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify(key);
                check.update(signingInput);
                return check.verify(bytes);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return EDDSA;
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}

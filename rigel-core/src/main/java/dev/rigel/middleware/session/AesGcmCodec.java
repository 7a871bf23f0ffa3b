package dev.rigel.middleware.session;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of cookie payloads with AES-GCM (JDK provider): the output is
 * base64url (no padding) of a random 12-byte nonce followed by the ciphertext and its 16-byte tag.
 * A fresh nonce per message is what GCM's security rests on; with 96 random bits, a key can seal
 * billions of cookies before a repeat becomes a concern. The associated data binds a payload to
 * its purpose (the cookie name), so a value cannot be replayed under another name. Thread-safe.
 */
final class AesGcmCodec {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** {@code key} must be 16, 24 or 32 bytes (AES-128, -192, -256). */
    public AesGcmCodec(byte[] key) {
        if (key == null || key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(
                    "an AES key must be 16, 24 or 32 bytes, got " + (key == null ? "none" : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public String encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The plaintext of {@code encoded}, or empty when it is not base64url, too short, or fails
     * authentication (tampered, truncated, another key or another associated data). Never throws.
     */
    public Optional<byte[]> decrypt(String encoded, byte[] associatedData) {
        byte[] sealed;
        try {
            sealed = DECODER.decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        } catch (GeneralSecurityException failedAuthentication) {
            return Optional.empty();
        }
    }
}

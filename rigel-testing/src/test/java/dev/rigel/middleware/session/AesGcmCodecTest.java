package dev.rigel.middleware.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The AES-GCM cookie codec: round trips, fresh nonces, and refusal of anything tampered. */
class AesGcmCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD = "session".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "{\"user\":\"ada\"}".getBytes(StandardCharsets.UTF_8);

    private final AesGcmCodec codec = new AesGcmCodec(KEY);

    @Test
    void roundTripsForEveryAesKeySize() {
        for (int size : new int[] {16, 24, 32}) {
            AesGcmCodec sized = new AesGcmCodec(java.util.Arrays.copyOf(KEY, size));
            assertThat(sized.decrypt(sized.encrypt(PLAIN, AAD), AAD))
                    .hasValueSatisfying(plain -> assertThat(plain).isEqualTo(PLAIN));
        }
        assertThat(codec.decrypt(codec.encrypt(new byte[0], AAD), AAD))
                .hasValueSatisfying(plain -> assertThat(plain).isEmpty());
    }

    @Test
    void everyEncryptionUsesAFreshNonceAndHidesThePlaintext() {
        String first = codec.encrypt(PLAIN, AAD);
        String second = codec.encrypt(PLAIN, AAD);
        assertThat(first).isNotEqualTo(second).matches("[A-Za-z0-9_-]+");
        byte[] a = Base64.getUrlDecoder().decode(first);
        byte[] b = Base64.getUrlDecoder().decode(second);
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
        assertThat(a).hasSize(12 + PLAIN.length + 16);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("ada");
    }

    @Test
    void anyFlippedBitIsDetected() {
        byte[] sealed = Base64.getUrlDecoder().decode(codec.encrypt(PLAIN, AAD));
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThat(codec.decrypt(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), AAD))
                    .as("byte %d flipped", i)
                    .isEmpty();
        }
    }

    @Test
    void anotherKeyOrAnotherPurposeCannotOpenIt() {
        String sealed = codec.encrypt(PLAIN, AAD);
        AesGcmCodec other = new AesGcmCodec("fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.decrypt(sealed, AAD)).isEmpty();
        assertThat(codec.decrypt(sealed, "other-cookie".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutThrowing() {
        String sealed = codec.encrypt(PLAIN, AAD);
        for (String garbage : new String[] {
            "",
            "a",
            "!!!!",
            "====",
            "abc def",
            sealed.substring(0, 20),
            sealed.substring(0, sealed.length() - 1),
            sealed + "A",
            "A".repeat(100_000),
            "é".repeat(50)
        }) {
            assertThat(codec.decrypt(garbage, AAD))
                    .as(garbage.length() > 40 ? "long" : garbage)
                    .isEmpty();
        }
    }

    @Test
    void keysMustBeAesSized() {
        for (int size : new int[] {0, 8, 15, 17, 31, 33, 64}) {
            assertThatThrownBy(() -> new AesGcmCodec(new byte[size])).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new AesGcmCodec(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.rigel.middleware.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Signing and verification of CSRF tokens. */
class CsrfTokensTest {

    private final CsrfTokens tokens = new CsrfTokens("a-test-secret-of-some-length");

    @Test
    void aFreshTokenIsHexRandomPlusSignatureAndVerifies() {
        String token = tokens.generate();
        assertThat(token).hasSize(CsrfTokens.TOKEN_LENGTH).matches("[0-9a-f]{128}");
        assertThat(tokens.isValid(token)).isTrue();
        assertThat(tokens.generate()).isNotEqualTo(token);
    }

    @Test
    void anyChangedCharacterBreaksTheSignature() {
        String token = tokens.generate();
        for (int i = 0; i < token.length(); i += 7) {
            char flipped = token.charAt(i) == '0' ? '1' : '0';
            String changed = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThat(tokens.isValid(changed)).as("changed at %d", i).isFalse();
        }
    }

    @Test
    void aTokenSignedUnderAnotherSecretIsRefused() {
        assertThat(tokens.isValid(new CsrfTokens("another-secret-entirely").generate()))
                .isFalse();
    }

    @Test
    void aSelfMadeSignatureOverAKnownValueIsRefused() {
        // the attacker knows the format but not the secret
        String value = "00".repeat(32);
        String forged = value + HexFormat.of().formatHex(new byte[32]);
        assertThat(tokens.isValid(forged)).isFalse();
    }

    @Test
    void malformedTokensAreRefusedWithoutThrowing() {
        String token = tokens.generate();
        assertThat(tokens.isValid(null)).isFalse();
        assertThat(tokens.isValid("")).isFalse();
        assertThat(tokens.isValid("abc")).isFalse();
        assertThat(tokens.isValid(token.toUpperCase())).isFalse();
        assertThat(tokens.isValid(token + "0")).isFalse();
        assertThat(tokens.isValid(token.substring(1))).isFalse();
        assertThat(tokens.isValid("zz".repeat(64))).isFalse();
        assertThat(tokens.isValid("é".repeat(128))).isFalse();
        assertThat(tokens.isValid("a".repeat(1_000_000))).isFalse();
    }

    @Test
    void matchingIsExactEquality() {
        String token = tokens.generate();
        assertThat(CsrfTokens.matches(token, token)).isTrue();
        assertThat(CsrfTokens.matches(new String(token.toCharArray()), token)).isTrue();
        assertThat(CsrfTokens.matches(tokens.generate(), token)).isFalse();
        assertThat(CsrfTokens.matches(token.substring(1), token)).isFalse();
        assertThat(CsrfTokens.matches(null, token)).isFalse();
        assertThat(CsrfTokens.matches(token, null)).isFalse();
    }
}

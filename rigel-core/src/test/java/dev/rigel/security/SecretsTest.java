package dev.rigel.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSecretStringNeverShowsItself() throws Exception {
        SecretString secret = SecretString.of("hunter2");
        assertThat(secret.toString()).isEqualTo("**********");
        assertThat("token " + secret).doesNotContain("hunter2");
        assertThat(json.writeValueAsString(Map.of("password", secret))).isEqualTo("{\"password\":\"**********\"}");
        assertThat(secret.reveal()).isEqualTo("hunter2");
    }

    @Test
    void aSecretStringMatchesOnlyItself() {
        SecretString secret = SecretString.of("hunter2");
        assertThat(secret.matches("hunter2")).isTrue();
        assertThat(secret.matches("hunter")).isFalse();
        assertThat(secret.matches("hunter22")).isFalse();
        assertThat(secret.matches("Hunter2")).isFalse();
        assertThat(secret.matches((String) null)).isFalse();
        assertThat(secret).isEqualTo(SecretString.of("hunter2")).isNotEqualTo(SecretString.of("other"));
        assertThat(secret.hashCode()).isEqualTo(SecretString.of("other").hashCode());
    }

    @Test
    void secretBytesAreCopiedMaskedAndComparedWhole() throws Exception {
        byte[] key = {1, 2, 3};
        SecretBytes secret = SecretBytes.of(key);
        key[0] = 9;
        assertThat(secret.reveal()).containsExactly(1, 2, 3);
        secret.reveal()[1] = 9;
        assertThat(secret.reveal()).containsExactly(1, 2, 3);
        assertThat(secret.toString()).isEqualTo("**********");
        assertThat(json.writeValueAsString(secret)).isEqualTo("\"**********\"");
        assertThat(secret.matches(new byte[] {1, 2, 3})).isTrue();
        assertThat(secret.matches(new byte[] {1, 2})).isFalse();
        assertThat(secret.length()).isEqualTo(3);
        assertThat(SecretString.of("ab").toBytes().reveal()).containsExactly('a', 'b');
        secret.destroy();
        assertThat(secret.reveal()).containsExactly(0, 0, 0);
    }
}

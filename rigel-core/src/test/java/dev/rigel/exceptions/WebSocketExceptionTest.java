package dev.rigel.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketExceptionTest {

    @Test
    void defaultsTo4500AndKeepsItsCode() {
        assertThat(new WebSocketException("broken").code()).isEqualTo(4500);
        assertThat(new WebSocketException(4404, "no room").code()).isEqualTo(4404);
        assertThat(new WebSocketException(4404, null).reason()).isEmpty();
    }

    @Test
    void refusesCodesThatAreNotCloseCodes() {
        assertThatThrownBy(() -> new WebSocketException(200, "ok")).isInstanceOf(IllegalArgumentException.class);
        // a disconnect may report the codes that are never sent but only observed
        assertThat(new WebSocketDisconnectException(1006, "").code()).isEqualTo(1006);
    }

    @Test
    void shortensALongReasonAtACharacterBoundary() {
        String reason = "✓".repeat(60); // 180 bytes
        String fitted = new WebSocketException(4000, reason).reason();
        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(fitted).hasSize(41).isEqualTo("✓".repeat(41));
        String emoji = "a" + "😀".repeat(40); // surrogate pairs must not be split
        String cut = WebSocketException.fit(emoji);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
        assertThat(WebSocketException.fit("short")).isEqualTo("short");
    }
}

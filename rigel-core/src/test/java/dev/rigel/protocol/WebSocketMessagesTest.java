package dev.rigel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The WebSocket messages carry text as UTF-8 and refuse closes a close frame cannot carry. */
class WebSocketMessagesTest {

    @Test
    void textTravelsAsUtf8() {
        Message.WebSocketSend send = Message.WebSocketSend.text("héllo ✓");
        assertThat(send.isText()).isTrue();
        assertThat(send.data()).isEqualTo("héllo ✓".getBytes(StandardCharsets.UTF_8));
        assertThat(send.asText()).isEqualTo("héllo ✓");
        Message.WebSocketReceive receive = Message.WebSocketReceive.bytes(new byte[] {1, 2});
        assertThat(receive.isText()).isFalse();
        assertThat(receive.toString()).isEqualTo("WebSocketReceive[binary, 2 bytes]");
    }

    @Test
    void onlySendableCloseCodesAreAccepted() {
        for (int code : new int[] {1000, 1001, 1003, 1007, 1011, 1014, 3000, 4000, 4999}) {
            assertThat(new Message.WebSocketClose(code, "").code()).isEqualTo(code);
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
            assertThatThrownBy(() -> new Message.WebSocketClose(code, ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Integer.toString(code));
        }
    }

    @Test
    void aCloseReasonFitsInAControlFrame() {
        assertThat(new Message.WebSocketClose(1000, "x".repeat(123)).reason()).hasSize(123);
        assertThatThrownBy(() -> new Message.WebSocketClose(1000, "x".repeat(124)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("123 bytes");
        // 62 two-byte characters are 124 bytes
        assertThatThrownBy(() -> new Message.WebSocketClose(1000, "é".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Message.WebSocketClose(1000, null).reason()).isEmpty();
    }

    @Test
    void acceptAndDisconnectDefaultTheirOptionalParts() {
        assertThat(new Message.WebSocketAccept(null, null).headers().isEmpty()).isTrue();
        assertThat(new Message.WebSocketDisconnect(1006, null).reason()).isEmpty();
    }
}

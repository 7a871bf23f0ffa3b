package dev.rigel.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Headers;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bytes of a whole HTTP/1 response as the server puts them on the wire. */
class Http1EncodedResponseTest {

    /** The response's bytes as text, the same into a direct buffer (the server's) and a heap one. */
    private static String encode(
            HttpVersion version,
            int status,
            Headers headers,
            long dropped,
            Http1EncodedResponse.ConnectionField connection,
            byte[] body) {
        String direct = encode(new UnpooledByteBufAllocator(true), version, status, headers, dropped, connection, body);
        String heap = encode(new UnpooledByteBufAllocator(false), version, status, headers, dropped, connection, body);
        assertThat(heap).isEqualTo(direct);
        return direct;
    }

    private static String encode(
            UnpooledByteBufAllocator allocator,
            HttpVersion version,
            int status,
            Headers headers,
            long dropped,
            Http1EncodedResponse.ConnectionField connection,
            byte[] body) {
        Http1EncodedResponse response = Http1EncodedResponse.encode(
                allocator,
                version,
                status,
                headers,
                dropped,
                Http1EncodedResponse.fieldLine("date", "Tue, 08 Dec 2026 01:00:00 GMT"),
                Http1EncodedResponse.fieldLine("server", "Rigel"),
                connection,
                body);
        try {
            return response.content().toString(StandardCharsets.ISO_8859_1);
        } finally {
            response.release();
        }
    }

    @Test
    void theHeadFieldsAndBodyInWireOrder() {
        Headers headers = Headers.of("content-type", "application/json", "x-request-id", "abc-123", "vary", "Origin");
        String wire = encode(
                HttpVersion.HTTP_1_1,
                201,
                headers,
                0b010, // the second field was refused earlier
                Http1EncodedResponse.ConnectionField.KEEP_ALIVE,
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(wire)
                .isEqualTo("HTTP/1.1 201 Created\r\n"
                        + "content-type: application/json\r\n"
                        + "vary: Origin\r\n"
                        + "date: Tue, 08 Dec 2026 01:00:00 GMT\r\n"
                        + "server: Rigel\r\n"
                        + "content-length: 8\r\n"
                        + "connection: keep-alive\r\n"
                        + "\r\n"
                        + "{\"id\":1}");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10, 99, 100, 12345, 1_000_000})
    void contentLengthIsTheBodysLengthInDecimal(int length) {
        String wire = encode(
                HttpVersion.HTTP_1_0,
                200,
                new Headers(),
                0,
                Http1EncodedResponse.ConnectionField.CLOSE,
                new byte[length]);
        assertThat(wire).startsWith("HTTP/1.0 200 OK\r\n");
        assertThat(wire).contains("\r\ncontent-length: " + length + "\r\nconnection: close\r\n\r\n");
        assertThat(wire).hasSize(wire.indexOf("\r\n\r\n") + 4 + length);
    }

    @Test
    void aCharBeyondLatin1IsSentAsAQuestionMarkAsNettyDoes() {
        String wire = encode(HttpVersion.HTTP_1_1, 200, Headers.of("x-name", "Zoë ☃"), 0, null, new byte[0]);
        assertThat(wire).contains("\r\nx-name: Zo\u00eb ?\r\n");
        assertThat(wire).doesNotContain("connection:");
    }
}

package dev.rigel.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void wellFormedUtf8Passes() {
        assertThat(JsonBodies.firstInvalidUtf8(new byte[0])).isEqualTo(-1);
        String text = "{\"a\":\"plain ascii, caf\u00e9, \u20ac, \ud83d\ude00, \u07ff, \uffff, \udbff\udfff\"}";
        assertThat(JsonBodies.firstInvalidUtf8(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
        // a UTF-8 byte order mark is well-formed UTF-8 (Jackson skips it)
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xEF, 0xBB, 0xBF, '{', '}')))
                .isEqualTo(-1);
    }

    @Test
    void illFormedSequencesAreFoundWhereTheyStart() {
        // overlong forms of '/' and of U+0000..U+FFFF
        assertThat(JsonBodies.firstInvalidUtf8(bytes('a', 0xC0, 0xAF))).isEqualTo(1);
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xC1, 0xBF))).isZero();
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xE0, 0x80, 0xAF))).isZero();
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xF0, 0x80, 0x80, 0xAF))).isZero();
        // surrogates, and past U+10FFFF
        assertThat(JsonBodies.firstInvalidUtf8(bytes('x', 'y', 0xED, 0xA0, 0x80)))
                .isEqualTo(2);
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).isZero();
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xF5, 0x80, 0x80, 0x80))).isZero();
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xFF))).isZero();
        // a lone continuation byte, a truncated sequence, a bad continuation
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0x80))).isZero();
        assertThat(JsonBodies.firstInvalidUtf8(bytes('a', 0xE2, 0x82))).isEqualTo(1);
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xE2, 0x82, 'a'))).isZero();
        assertThat(JsonBodies.firstInvalidUtf8(bytes(0xF0, 0x9F, 0x98, 0x41))).isZero();
        // NUL: never JSON, and what makes Jackson guess UTF-16/32
        assertThat(JsonBodies.firstInvalidUtf8("{}".getBytes(StandardCharsets.UTF_16LE)))
                .isEqualTo(1);
        assertThat(JsonBodies.firstInvalidUtf8("{}".getBytes(StandardCharsets.UTF_16)))
                .isZero();
    }

    @Test
    void requireUtf8SaysWhere() {
        assertThatThrownBy(() -> JsonBodies.requireUtf8(bytes('[', '"', 0xC0, 0xAF, '"', ']')))
                .isInstanceOf(ClientException.class)
                .hasMessage("Invalid JSON body: not valid UTF-8 at byte 2 (JSON bodies must be UTF-8)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "APPLICATION/JSON",
                "application/json;charset=utf-8",
                "application/json; charset=\"UTF-8\"",
                "application/problem+json",
                "application/vnd.rigel.v1+json; charset=utf-8"
            })
    void jsonTypesAreAccepted(String contentType) {
        assertThatCode(() -> JsonBodies.requireJsonType(contentType)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/jsonp",
                "application/json+",
                "json",
                "application/json; charset=latin1",
                "application/json; charset=utf-16",
                "",
                "application/json; charset"
            })
    void otherTypesAre415(String contentType) {
        assertThatThrownBy(() -> JsonBodies.requireJsonType(contentType))
                .isInstanceOf(UnsupportedMediaTypeException.class);
    }

    @Test
    void noContentTypeIs415() {
        assertThatThrownBy(() -> JsonBodies.requireJsonType(null))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessage("Expected a JSON body (application/json or a +json type), got no Content-Type");
    }
}

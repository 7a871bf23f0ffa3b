package dev.rigel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathDecoderTest {

    @Test
    void pathsWithoutEscapesAreReturnedAsTheyAre() {
        String path = "/users/42";

        assertThat(PathDecoder.decode(path)).isSameAs(path);
    }

    @ParameterizedTest
    @CsvSource({
        "/a%20b, /a b",
        "/caf%C3%A9, /café",
        "/caf%c3%a9, /café",
        "/a%2Fb, /a/b",
        "/a+b, /a+b",
        "/100%25, /100%",
        "/%F0%9F%98%80, /\uD83D\uDE00"
    })
    void decodesPercentEscapesAsUtf8(String raw, String decoded) {
        assertThat(PathDecoder.decode(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @CsvSource({"/100%, /100%", "/a%zzb, /a%zzb", "/a%2, /a%2", "/%g1%41, /%g1A"})
    void leavesMalformedEscapesAlone(String raw, String decoded) {
        assertThat(PathDecoder.decode(raw)).isEqualTo(decoded);
    }

    @Test
    void keepsRawNonAsciiCharactersNextToEscapes() {
        assertThat(PathDecoder.decode("/é/\uD83D\uDE00/%41")).isEqualTo("/é/\uD83D\uDE00/A");
    }
}

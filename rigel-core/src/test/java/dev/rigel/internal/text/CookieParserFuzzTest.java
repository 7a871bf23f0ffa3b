package dev.rigel.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Any Cookie header (each input line one field line) parses to names that are never empty. */
class CookieParserFuzzTest {

    @FuzzTest
    void parsesAnyCookieHeader(byte[] data) {
        List<String> lines = List.of(new String(data, StandardCharsets.UTF_8).split("\n", -1));
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            Map<String, String> cookies = CookieParser.parse(lines);
            assertThat(cookies.keySet()).noneMatch(String::isEmpty);
        });
    }
}

package dev.rigel.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.internal.text.CookieParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookieParserTest {

    @Test
    void noHeaderMeansNoCookies() {
        assertThat(CookieParser.parse(List.of())).isEmpty();
    }

    @Test
    void parsesPairsSeparatedBySemicolons() {
        Map<String, String> cookies = CookieParser.parse(List.of("session=abc123; theme=dark;lang=en"));

        assertThat(cookies)
                .containsExactly(Map.entry("session", "abc123"), Map.entry("theme", "dark"), Map.entry("lang", "en"));
    }

    @Test
    void stripsQuotesAroundAValue() {
        assertThat(CookieParser.parse(List.of("quoted=\"a b\"; half=\"x")))
                .containsEntry("quoted", "a b")
                .containsEntry("half", "\"x");
    }

    @Test
    void keepsEqualsSignsInsideAValue() {
        assertThat(CookieParser.parse(List.of("token=abc==; empty=")))
                .containsEntry("token", "abc==")
                .containsEntry("empty", "");
    }

    @Test
    void theFirstValueOfARepeatedNameWins() {
        Map<String, String> cookies = CookieParser.parse(List.of("id=first; id=second", "id=third; other=1"));

        assertThat(cookies)
                .containsEntry("id", "first")
                .containsEntry("other", "1")
                .hasSize(2);
    }

    @Test
    void skipsPairsWithoutANameOrEqualsSign() {
        assertThat(CookieParser.parse(List.of("garbage; =nameless; ok=1"))).containsExactly(Map.entry("ok", "1"));
    }

    @Test
    void theResultIsReadOnly() {
        Map<String, String> cookies = CookieParser.parse(List.of("a=1"));

        assertThatThrownBy(() -> cookies.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }
}

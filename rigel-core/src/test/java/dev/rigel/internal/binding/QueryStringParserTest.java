package dev.rigel.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.http.QueryParams;
import dev.rigel.internal.text.QueryStringParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringParserTest {

    @Test
    void emptyOrMissingQueryHasNoParameters() {
        assertThat(QueryStringParser.parse(null).isEmpty()).isTrue();
        assertThat(QueryStringParser.parse("").isEmpty()).isTrue();
        assertThat(QueryStringParser.parse("&&").isEmpty()).isTrue();
    }

    @Test
    void keepsEveryValueOfARepeatedNameInOrder() {
        QueryParams params = QueryStringParser.parse("tag=a&page=2&tag=b&tag=c");

        assertThat(params.getAll("tag")).containsExactly("a", "b", "c");
        assertThat(params.get("tag")).isEqualTo("a");
        assertThat(params.first("page")).contains("2");
        assertThat(params.names()).containsExactly("tag", "page");
        assertThat(params.getAll("missing")).isEmpty();
        assertThat(params.get("missing")).isNull();
        assertThat(params.contains("page")).isTrue();
    }

    @Test
    void decodesPercentEscapesAndPlus() {
        QueryParams params = QueryStringParser.parse("q=hello+world&name=J%C3%BCrgen&amp%26=x%3Dy&sp=%20");

        assertThat(params.get("q")).isEqualTo("hello world");
        assertThat(params.get("name")).isEqualTo("Jürgen");
        assertThat(params.get("amp&")).isEqualTo("x=y");
        assertThat(params.get("sp")).isEqualTo(" ");
    }

    @Test
    void aNameWithoutValueIsAnEmptyValue() {
        QueryParams params = QueryStringParser.parse("flag&empty=&x=1");

        assertThat(params.getAll("flag")).containsExactly("");
        assertThat(params.getAll("empty")).containsExactly("");
        assertThat(params.get("x")).isEqualTo("1");
    }

    @Test
    void onlyTheFirstEqualsSignSplits() {
        assertThat(QueryStringParser.parse("expr=a=b").get("expr")).isEqualTo("a=b");
    }

    @Test
    void pairsWithoutANameAreDropped() {
        QueryParams params = QueryStringParser.parse("=orphan&&a=1&");

        assertThat(params.names()).containsExactly("a");
    }

    @Test
    void malformedEscapesAreKeptVerbatim() {
        QueryParams params = QueryStringParser.parse("pct=100%&bad=%zz");

        assertThat(params.get("pct")).isEqualTo("100%");
        assertThat(params.get("bad")).isEqualTo("%zz");
    }

    @Test
    void parsedValuesCannotBeChanged() {
        QueryParams params = QueryStringParser.parse("a=1");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> params.asMap().put("b", List.of("2")))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> params.getAll("a").add("3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

package dev.rigel.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptHeaderTest {

    private static Optional<String> best(String header, String... offered) {
        return AcceptHeader.bestMatch(header == null ? List.of() : List.of(header), offered);
    }

    @Test
    void noHeaderAcceptsTheFirstOffered() {
        assertThat(best(null, "text/html", "application/json")).contains("text/html");
        assertThat(best("", "application/json")).contains("application/json");
    }

    @Test
    void highestQualityWinsAndTiesGoToServerOrder() {
        assertThat(best("application/json;q=0.5, text/html", "application/json", "text/html"))
                .contains("text/html");
        assertThat(best("text/html, application/json", "application/json", "text/html"))
                .contains("application/json");
        assertThat(best("*/*", "text/csv", "application/json")).contains("text/csv");
    }

    @Test
    void theMostSpecificRangeDecidesAType() {
        // RFC 9110's example: text/plain is 0.3 through text/*, text/html;level=1 is 1, text/html is 0.7
        String header =
                "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5";
        assertThat(AcceptHeader.quality(
                        AcceptHeader.parse(List.of(header)), MediaType.parse("text/plain;format=flowed")))
                .isEqualTo(1000);
        assertThat(AcceptHeader.quality(AcceptHeader.parse(List.of(header)), MediaType.parse("text/plain")))
                .isEqualTo(700);
        assertThat(AcceptHeader.quality(AcceptHeader.parse(List.of(header)), MediaType.parse("text/html")))
                .isEqualTo(300);
        assertThat(AcceptHeader.quality(AcceptHeader.parse(List.of(header)), MediaType.parse("image/jpeg")))
                .isEqualTo(500);
        assertThat(AcceptHeader.quality(
                        AcceptHeader.parse(List.of(header)), MediaType.parse("text/plain;format=fixed")))
                .isEqualTo(400);
        // an explicit q=0 on the specific type beats the wildcard's consent
        assertThat(best("*/*, application/xml;q=0", "application/xml")).isEmpty();
        assertThat(best("*/*, application/xml;q=0", "application/xml", "application/json"))
                .contains("application/json");
    }

    @Test
    void typesAndParametersCompareCaseInsensitively() {
        assertThat(best("Application/JSON", "application/json")).contains("application/json");
        assertThat(best("text/html;charset=UTF-8", "text/html;charset=utf-8")).contains("text/html;charset=utf-8");
        assertThat(best("text/html;charset=utf-8", "text/html")).isEmpty();
    }

    @Test
    void noAcceptableTypeIsEmpty() {
        assertThat(best("image/png", "text/html", "application/json")).isEmpty();
        assertThat(best("text/html;q=0", "text/html")).isEmpty();
    }

    @Test
    void malformedElementsAreSkipped() {
        assertThat(best("garbage, application/json", "text/html", "application/json"))
                .contains("application/json");
        assertThat(best("text/html;q=2, application/json;q=0.1", "text/html", "application/json"))
                .contains("application/json");
        assertThat(best("text/html;q=abc", "text/html")).contains("text/html"); // nothing valid left: as if absent
        assertThat(best("*/html", "text/html")).contains("text/html");
        assertThat(best("text/html;q=0.1;level=1, application/json;q=0.2", "text/html", "application/json"))
                .contains("application/json");
    }

    @Test
    void severalHeaderLinesCombine() {
        assertThat(AcceptHeader.bestMatch(
                        List.of("text/html;q=0.1", "application/json"), "text/html", "application/json"))
                .contains("application/json");
    }

    @Test
    void qvalues() {
        assertThat(AcceptHeader.qvalue("1")).isEqualTo(1000);
        assertThat(AcceptHeader.qvalue("1.000")).isEqualTo(1000);
        assertThat(AcceptHeader.qvalue("0.5")).isEqualTo(500);
        assertThat(AcceptHeader.qvalue("0.123")).isEqualTo(123);
        assertThat(AcceptHeader.qvalue("0")).isEqualTo(0);
        assertThat(AcceptHeader.qvalue("1.5")).isEqualTo(-1);
        assertThat(AcceptHeader.qvalue("0.1234")).isEqualTo(-1);
        assertThat(AcceptHeader.qvalue(".5")).isEqualTo(-1);
        assertThat(AcceptHeader.qvalue("")).isEqualTo(-1);
    }

    @Test
    void offeringAWildcardIsAProgrammingError() {
        assertThatThrownBy(() -> best("text/html", "text/*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> best("text/html", "html")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mediaTypesParseWithQuotedParameters() {
        MediaType type = MediaType.parse("multipart/form-data; boundary=\"a;b,c\"; charset=UTF-8");
        assertThat(type.essence()).isEqualTo("multipart/form-data");
        assertThat(type.param("boundary")).isEqualTo("a;b,c");
        assertThat(type.param("CHARSET")).isEqualTo("UTF-8");
        assertThat(MediaType.parse("text")).isNull();
        assertThat(MediaType.parse("text/html; x")).isNull();
        assertThat(MediaType.parse("te xt/html")).isNull();
    }
}

package dev.rigel.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import dev.rigel.http.QueryParams;
import java.nio.charset.StandardCharsets;

/** Any query string parses: malformed escapes stay as sent, and no name is ever empty. */
class QueryStringParserFuzzTest {

    @FuzzTest
    void parsesAnyQueryString(byte[] data) {
        // as UTF-8 (what a client means) and as Latin-1 (every byte one char, lone surrogates aside)
        for (String query :
                new String[] {new String(data, StandardCharsets.UTF_8), new String(data, StandardCharsets.ISO_8859_1)
                }) {
            ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
                QueryParams params = QueryStringParser.parse(query);
                assertThat(params.names()).noneMatch(String::isEmpty);
            });
        }
    }
}

package dev.rigel.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.internal.http.Conditional;
import dev.rigel.internal.http.Conditional.Outcome;
import dev.rigel.internal.http.PreconditionCheck;
import dev.rigel.protocol.Headers;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9110 section 13.2.2, step by step. */
class ConditionalTest {

    static final Instant MODIFIED = Instant.parse("2024-05-01T12:00:00.500Z");
    static final String MAY_1_NOON = "Wed, 01 May 2024 12:00:00 GMT";
    static final String APRIL_30 = "Tue, 30 Apr 2024 00:00:00 GMT";

    static Headers headers(String... pairs) {
        Headers headers = new Headers();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    static Outcome get(Headers headers, String etag, Instant modified) {
        return Conditional.evaluate("GET", headers, etag, modified);
    }

    @Test
    void withoutConditionsTheResponseIsSent() {
        assertThat(get(headers(), "\"a\"", MODIFIED)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void ifMatchComparesStronglyAndStarNeedsARepresentation() {
        assertThat(get(headers("if-match", "\"a\""), "\"a\"", null)).isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-match", "\"x\", \"a\""), "\"a\"", null)).isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-match", "\"x\"", "if-match", "\"a\""), "\"a\"", null))
                .isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-match", "\"b\""), "\"a\"", null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get(headers("if-match", "W/\"a\""), "\"a\"", null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get(headers("if-match", "\"a\""), "W/\"a\"", null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get(headers("if-match", "*"), "W/\"a\"", null)).isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-match", "\"a\""), null, MODIFIED)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get(headers("if-match", "garbage"), "\"a\"", null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(PreconditionCheck.fails("PUT", headers("if-match", "*"), null, null))
                .isTrue();
    }

    @Test
    void ifUnmodifiedSinceComparesWholeSecondsAndYieldsToIfMatch() {
        assertThat(get(headers("if-unmodified-since", MAY_1_NOON), null, MODIFIED))
                .isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-unmodified-since", APRIL_30), null, MODIFIED))
                .isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(get(headers("if-unmodified-since", "soon"), null, MODIFIED)).isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-unmodified-since", APRIL_30), "\"a\"", null)).isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-match", "\"a\"", "if-unmodified-since", APRIL_30), "\"a\"", MODIFIED))
                .isEqualTo(Outcome.PROCEED);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndDecidesAlone() {
        assertThat(get(headers("if-none-match", "W/\"a\""), "\"a\"", null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get(headers("if-none-match", "\"a,b\", \"c\""), "\"c\"", null))
                .isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get(headers("if-none-match", "\"b\"", "if-modified-since", MAY_1_NOON), "\"a\"", MODIFIED))
                .isEqualTo(Outcome.PROCEED);
        assertThat(get(headers("if-modified-since", MAY_1_NOON), null, MODIFIED))
                .isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(get(headers("if-modified-since", APRIL_30), null, MODIFIED)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void aFailedPreconditionBeatsNotModified() {
        assertThat(get(headers("if-match", "\"b\"", "if-none-match", "\"a\""), "\"a\"", null))
                .isEqualTo(Outcome.PRECONDITION_FAILED);
    }

    @Test
    void unsafeMethodsAreLeftToPreconditionsCheck() {
        assertThat(Conditional.evaluate("PUT", headers("if-match", "\"b\""), "\"a\"", null))
                .isEqualTo(Outcome.PROCEED);
        assertThat(PreconditionCheck.fails("PUT", headers("if-match", "\"b\""), "\"a\"", null))
                .isTrue();
        assertThat(PreconditionCheck.fails("PUT", headers("if-none-match", "*"), "\"a\"", null))
                .isTrue();
        assertThat(PreconditionCheck.fails("PUT", headers("if-none-match", "*"), null, null))
                .isFalse();
        assertThat(PreconditionCheck.fails("PATCH", headers("if-none-match", "W/\"a\""), "\"a\"", null))
                .isTrue();
        // If-Modified-Since means nothing to a state-changing request
        assertThat(PreconditionCheck.fails("POST", headers("if-modified-since", MAY_1_NOON), null, MODIFIED))
                .isFalse();
        // for GET the helper leaves If-None-Match to the 304 logic
        assertThat(PreconditionCheck.fails("GET", headers("if-none-match", "\"a\""), "\"a\"", null))
                .isFalse();
    }
}

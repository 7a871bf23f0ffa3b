package dev.rigel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheControlHeaderTest {

    @Test
    void buildsTheHeaderValueInTheOrderGiven() {
        CacheControlHeader header = CacheControlHeader.builder()
                .publicCache()
                .maxAge(Duration.ofMinutes(5))
                .sMaxAge(60)
                .staleWhileRevalidate(30)
                .mustRevalidate()
                .build();
        assertThat(header.toHeaderValue())
                .isEqualTo("public, max-age=300, s-maxage=60, stale-while-revalidate=30, must-revalidate");
        assertThat(CacheControlHeader.noStore().toHeaderValue()).isEqualTo("no-store");
    }

    @Test
    void parsesWhatItBuildsAndComparesByDirectives() {
        CacheControlHeader parsed = CacheControlHeader.parse(" Public ,max-age=\"60\", immutable,,");
        assertThat(parsed.toHeaderValue()).isEqualTo("public, max-age=60, immutable");
        assertThat(parsed)
                .isEqualTo(CacheControlHeader.builder()
                        .publicCache()
                        .maxAge(60)
                        .immutable()
                        .build());
        assertThat(parsed.directives()).containsEntry("max-age", 60L).containsEntry("public", null);
        assertThat(CacheControlHeader.parse(parsed.toHeaderValue())).isEqualTo(parsed);
    }

    @Test
    void aDirectiveGivenTwiceKeepsItsLatestValue() {
        assertThat(CacheControlHeader.parse("max-age=1, max-age=2").toHeaderValue())
                .isEqualTo("max-age=2");
    }

    @Test
    void refusesWhatIsNotAResponseDirective() {
        assertThatThrownBy(() -> CacheControlHeader.parse("max-age=soon"))
                .hasMessageContaining("'max-age' needs a number of seconds");
        assertThatThrownBy(() -> CacheControlHeader.parse("max-age")).hasMessageContaining("needs a number of seconds");
        assertThatThrownBy(() -> CacheControlHeader.parse("max-age=-1"))
                .hasMessageContaining("needs a number of seconds");
        assertThatThrownBy(() -> CacheControlHeader.parse("no-store=1")).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> CacheControlHeader.parse("max-stale=5"))
                .hasMessageContaining("Unknown Cache-Control response directive 'max-stale'");
        assertThatThrownBy(() -> CacheControlHeader.parse(" , ")).hasMessageContaining("at least one directive");
        assertThatThrownBy(() -> CacheControlHeader.parse("max-age=99999999999999999999"))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> CacheControlHeader.builder().maxAge(-1)).hasMessageContaining("negative");
    }
}

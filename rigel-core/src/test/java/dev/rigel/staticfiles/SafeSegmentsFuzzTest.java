package dev.rigel.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Whatever the path below a static files route, the segments handed to the file system never
 * climb out of the directory: no {@code .}/{@code ..}, no separator, no control character, and no
 * hidden name unless allowed.
 */
class SafeSegmentsFuzzTest {

    @FuzzTest
    void neverYieldsAnEscapingSegment(byte[] data) {
        String raw = new String(data, StandardCharsets.UTF_8);
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            for (boolean allowHidden : new boolean[] {false, true}) {
                List<String> segments = SafeSegments.of(raw, allowHidden);
                if (segments == null) {
                    continue;
                }
                for (String segment : segments) {
                    assertThat(segment).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
                    assertThat(segment.chars()).noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
                    if (!allowHidden) {
                        assertThat(segment).doesNotStartWith(".");
                    }
                }
            }
        });
    }
}

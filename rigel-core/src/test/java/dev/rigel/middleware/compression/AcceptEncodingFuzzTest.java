package dev.rigel.middleware.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import dev.rigel.middleware.compression.CompressionConfig.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Any {@code Accept-Encoding} picks one of the offered codings or none; it never fails. */
class AcceptEncodingFuzzTest {

    private static final List<List<Algorithm>> OFFERS = List.of(
            List.of(Algorithm.values()), List.of(Algorithm.GZIP), List.of(Algorithm.ZSTD, Algorithm.GZIP), List.of());

    @FuzzTest
    void choosesFromAnyAcceptEncoding(byte[] data) {
        String header = new String(data, StandardCharsets.UTF_8);
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            for (List<Algorithm> offered : OFFERS) {
                Algorithm chosen = AcceptEncoding.choose(header, offered);
                if (chosen != null) {
                    assertThat(offered).contains(chosen);
                }
            }
        });
    }
}

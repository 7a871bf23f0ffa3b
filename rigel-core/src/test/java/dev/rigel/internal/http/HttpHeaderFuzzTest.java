package dev.rigel.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import dev.rigel.exceptions.FuzzInput;
import dev.rigel.protocol.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The request headers Rigel interprets itself never make it fail: a malformed {@code Accept},
 * {@code Content-Type}, {@code Range} or conditional header is ignored or refused as the RFCs
 * allow, and what is accepted is consistent.
 */
class HttpHeaderFuzzTest {

    private static final String[] OFFERED = {"application/json", "text/html", "text/plain;charset=utf-8"};

    /** Each input line is one {@code Accept} field line. */
    @FuzzTest
    void negotiatesAnyAcceptHeader(byte[] data) {
        List<String> lines = lines(data);
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            Optional<String> chosen = AcceptHeader.bestMatch(lines, OFFERED);
            chosen.ifPresent(type -> assertThat(OFFERED).contains(type));
            for (String line : lines) {
                MediaType type = MediaType.parse(line);
                if (type != null) {
                    assertThat(MediaType.isToken(type.type()) && MediaType.isToken(type.subtype()))
                            .isTrue();
                }
            }
        });
    }

    /** First line: the file's size; the rest: the {@code Range} header. */
    @FuzzTest
    void parsesAnyRangeHeader(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        long size = input.headAsSize(1000);
        String header = input.restText();
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            ByteRange range = ByteRange.parse(header, size);
            if (range != null && range != ByteRange.UNSATISFIABLE) {
                assertThat(range.start()).isBetween(0L, range.end());
                assertThat(range.end()).isLessThan(size);
                assertThat(range.length()).isPositive();
            }
        });
    }

    /** Lines as {@code name: value}: conditional headers evaluated against a fixed ETag and date. */
    @FuzzTest
    void evaluatesAnyConditionalHeaders(byte[] data) {
        Headers headers = new Headers();
        for (String line : lines(data)) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (!name.isEmpty()) { // a server never passes on a header without a name
                headers.add(name, line.substring(colon + 1).trim());
            }
        }
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            for (String method : new String[] {"GET", "HEAD"}) {
                assertThat(Conditional.evaluate(method, headers, "\"v1\"", Instant.parse("2026-01-02T03:04:05Z")))
                        .isNotNull();
                assertThat(Conditional.evaluate(method, headers, null, null)).isNotNull();
            }
        });
    }

    private static List<String> lines(byte[] data) {
        return List.of(new String(data, StandardCharsets.UTF_8).split("\n", -1));
    }
}

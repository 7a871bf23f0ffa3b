package dev.rigel.internal.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Query, header and cookie values convert or fail with {@link IllegalArgumentException}, the
 * converter's contract, which the binder turns into a 400 naming the parameter. Any other
 * exception would escape the binder as a 500.
 */
class ValueConvertersFuzzTest {

    enum Color {
        RED,
        GREEN
    }

    private static final Class<?>[] TYPES = {
        int.class,
        Integer.class,
        long.class,
        short.class,
        byte.class,
        double.class,
        float.class,
        boolean.class,
        char.class,
        BigDecimal.class,
        BigInteger.class,
        UUID.class,
        LocalDate.class,
        LocalDateTime.class,
        LocalTime.class,
        OffsetDateTime.class,
        ZonedDateTime.class,
        Instant.class,
        Duration.class,
        Color.class
    };

    @FuzzTest
    void convertsOrRefusesAnyText(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (Class<?> type : TYPES) {
            ValueConverter converter = ValueConverters.forType(type);
            if (converter == null) {
                continue; // a type this version cannot bind is not the fuzzer's concern
            }
            ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
                try {
                    converter.convert(text);
                } catch (IllegalArgumentException refused) {
                    // the documented refusal
                }
            });
        }
    }
}

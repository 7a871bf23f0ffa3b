package dev.rigel.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.internal.text.ValueConverter;
import dev.rigel.internal.text.ValueConverters;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConvertersTest {

    enum Color {
        RED,
        DARK_BLUE
    }

    private static Object convert(Class<?> type, String text) {
        ValueConverter converter = ValueConverters.forType(type);
        assertThat(converter).as("converter for %s", type).isNotNull();
        return converter.convert(text);
    }

    @Test
    void convertsScalars() {
        assertThat(convert(String.class, " as is ")).isEqualTo(" as is ");
        assertThat(convert(CharSequence.class, "x")).isEqualTo("x");
        assertThat(convert(int.class, "42")).isEqualTo(42);
        assertThat(convert(Integer.class, " -3 ")).isEqualTo(-3);
        assertThat(convert(long.class, "9000000000")).isEqualTo(9_000_000_000L);
        assertThat(convert(Short.class, "7")).isEqualTo((short) 7);
        assertThat(convert(byte.class, "-8")).isEqualTo((byte) -8);
        assertThat(convert(double.class, "2.5")).isEqualTo(2.5d);
        assertThat(convert(Float.class, "0.25")).isEqualTo(0.25f);
        assertThat(convert(char.class, "z")).isEqualTo('z');
        assertThat(convert(BigDecimal.class, "19.99")).isEqualTo(new BigDecimal("19.99"));
        assertThat(convert(BigInteger.class, "123456789012345678901234567890"))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void convertsIdentifiersAndTimes() {
        assertThat(convert(UUID.class, "0f8fad5b-d9cb-469f-a165-70867728950e"))
                .isEqualTo(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertThat(convert(LocalDate.class, "2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(convert(LocalDateTime.class, "2024-01-31T10:00")).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 0));
        assertThat(convert(OffsetDateTime.class, "2024-01-31T10:00:00+01:00"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHours(1)));
        assertThat(convert(ZonedDateTime.class, "2024-01-31T10:00:00Z"))
                .isEqualTo(ZonedDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(convert(Instant.class, "2024-01-31T10:00:00Z")).isEqualTo(Instant.parse("2024-01-31T10:00:00Z"));
        assertThat(convert(LocalTime.class, "08:30")).isEqualTo(LocalTime.of(8, 30));
        assertThat(convert(Duration.class, "PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "1", "yes", "on", " True "})
    void trueBooleans(String text) {
        assertThat(convert(boolean.class, text)).isEqualTo(true);
        assertThat(convert(Boolean.class, text)).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "0", "no", "off"})
    void falseBooleans(String text) {
        assertThat(convert(boolean.class, text)).isEqualTo(false);
    }

    @Test
    void enumsMatchTheirNameIgnoringCase() {
        assertThat(convert(Color.class, "RED")).isEqualTo(Color.RED);
        assertThat(convert(Color.class, "dark_blue")).isEqualTo(Color.DARK_BLUE);
        assertThatThrownBy(() -> convert(Color.class, "green"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected one of RED, DARK_BLUE, got 'green'");
    }

    @Test
    void failuresExplainWhatWasExpected() {
        assertThatThrownBy(() -> convert(int.class, "abc")).hasMessage("expected an integer, got 'abc'");
        assertThatThrownBy(() -> convert(int.class, "2147483648")).hasMessage("expected an integer, got '2147483648'");
        assertThatThrownBy(() -> convert(double.class, "x")).hasMessage("expected a number, got 'x'");
        assertThatThrownBy(() -> convert(boolean.class, "maybe")).hasMessage("expected a boolean, got 'maybe'");
        assertThatThrownBy(() -> convert(char.class, "ab")).hasMessage("expected a single character, got 'ab'");
        assertThatThrownBy(() -> convert(UUID.class, "nope")).hasMessage("expected a UUID, got 'nope'");
        assertThatThrownBy(() -> convert(LocalDate.class, "31/01/2024"))
                .hasMessage("expected a date (YYYY-MM-DD), got '31/01/2024'");
        assertThatThrownBy(() -> convert(Duration.class, "5 minutes"))
                .hasMessageStartingWith("expected an ISO-8601 duration");
        assertThatThrownBy(() -> convert(BigDecimal.class, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonScalarTypesHaveNoConverter() {
        assertThat(ValueConverters.forType(List.class)).isNull();
        assertThat(ValueConverters.forType(Map.class)).isNull();
        assertThat(ValueConverters.forType(int[].class)).isNull();
        assertThat(ValueConverters.forType(Thread.class)).isNull();
        assertThat(ValueConverters.isScalar(Object.class)).isFalse();
        assertThat(ValueConverters.isScalar(List.class)).isFalse();
        assertThat(ValueConverters.isScalar(int.class)).isTrue();
        assertThat(ValueConverters.isScalar(Color.class)).isTrue();
    }
}

package dev.rigel.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ParamTypeTest {

    @ParameterizedTest
    @EnumSource(ParamType.class)
    void labelsRoundTrip(ParamType type) {
        assertThat(ParamType.fromLabel(type.label())).isEqualTo(type);
    }

    @Test
    void labelsAreTheDocumentedNames() {
        assertThat(ParamType.values())
                .extracting(ParamType::label)
                .containsExactly(
                        "str",
                        "int",
                        "long",
                        "float",
                        "decimal",
                        "uuid",
                        "date",
                        "datetime",
                        "time",
                        "duration",
                        "path");
        assertThat(ParamType.fromLabel("integer")).isNull();
        assertThat(ParamType.fromLabel("INT")).isNull();
    }

    @Test
    void convertsValidText() {
        UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(ParamType.STR.convert("hello world")).isEqualTo("hello world");
        assertThat(ParamType.PATH.convert("/a/b")).isEqualTo("/a/b");
        assertThat(ParamType.INT.convert("42")).isEqualTo(42);
        assertThat(ParamType.INT.convert("-7")).isEqualTo(-7);
        assertThat(ParamType.LONG.convert("9000000000")).isEqualTo(9_000_000_000L);
        assertThat(ParamType.FLOAT.convert("1.5")).isEqualTo(1.5d);
        assertThat(ParamType.DECIMAL.convert("12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(ParamType.UUID_TYPE.convert(uuid.toString())).isEqualTo(uuid);
        assertThat(ParamType.DATE.convert("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(ParamType.DATETIME.convert("2024-01-31T10:15:30"))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15, 30));
        assertThat(ParamType.TIME.convert("10:15")).isEqualTo(LocalTime.of(10, 15));
        assertThat(ParamType.DURATION.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void dateTimesAndTimesWithAnOffsetKeepIt() {
        assertThat(ParamType.DATETIME.convert("2024-01-31T10:15:30Z"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 10, 15, 30, 0, ZoneOffset.UTC));
        assertThat(ParamType.DATETIME.convert("2024-01-31T10:15:30+02:00"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 10, 15, 30, 0, ZoneOffset.ofHours(2)));
        assertThat(ParamType.DATETIME.convert("2024-01-31T10:15:30-05:00"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 10, 15, 30, 0, ZoneOffset.ofHours(-5)));
        assertThat(ParamType.TIME.convert("10:15:30Z")).isEqualTo(OffsetTime.of(10, 15, 30, 0, ZoneOffset.UTC));
        assertThat(ParamType.TIME.convert("10:15:30-01:00"))
                .isEqualTo(OffsetTime.of(10, 15, 30, 0, ZoneOffset.ofHours(-1)));
    }

    @ParameterizedTest
    @CsvSource({
        "INT, abc",
        "INT, 4.2",
        "INT, 2147483648",
        "INT, ''",
        "LONG, 9223372036854775808",
        "LONG, 1e3",
        "FLOAT, abc",
        "FLOAT, NaN",
        "FLOAT, Infinity",
        "FLOAT, -Infinity",
        "DECIMAL, '1,5'",
        "DECIMAL, ten",
        "UUID_TYPE, 1-1-1-1-1",
        "UUID_TYPE, not-a-uuid",
        "UUID_TYPE, 0f8fad5bd9cb469fa16570867728950e",
        "DATE, 2023-02-29",
        "DATE, 31-01-2024",
        "DATE, ''",
        "DATETIME, 2024-01-31",
        "DATETIME, yesterday",
        "DATETIME, ''",
        "TIME, 25:00",
        "TIME, noon",
        "TIME, ''",
        "DURATION, 5m",
        "DURATION, ''"
    })
    void invalidTextDoesNotConvert(ParamType type, String text) {
        assertThat(type.convert(text)).isNull();
    }

    @Test
    void canonicalJavaTypes() {
        assertThat(ParamType.INT.javaType()).isEqualTo(Integer.class);
        assertThat(ParamType.LONG.javaType()).isEqualTo(Long.class);
        assertThat(ParamType.FLOAT.javaType()).isEqualTo(Double.class);
        assertThat(ParamType.UUID_TYPE.javaType()).isEqualTo(UUID.class);
        assertThat(ParamType.PATH.javaType()).isEqualTo(String.class);
    }
}

package dev.rigel.internal.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.UUID;

/**
 * The types a path parameter may declare ({@code {id:int}}). Each converts a decoded segment to
 * its canonical Java value or fails; a failure makes the route not match (404), as in Litestar.
 */
public enum ParamType {
    STR(String.class),
    INT(Integer.class),
    LONG(Long.class),
    FLOAT(Double.class),
    DECIMAL(BigDecimal.class),
    UUID_TYPE(UUID.class),
    DATE(LocalDate.class),
    DATETIME(LocalDateTime.class),
    TIME(LocalTime.class),
    DURATION(Duration.class),
    PATH(String.class);

    private final Class<?> javaType;

    ParamType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The canonical Java type (DATETIME may also yield OffsetDateTime, TIME an OffsetTime). */
    public Class<?> javaType() {
        return javaType;
    }

    public String label() {
        return this == UUID_TYPE ? "uuid" : name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ParamType fromLabel(String label) {
        return switch (label) {
            case "str" -> STR;
            case "int" -> INT;
            case "long" -> LONG;
            case "float" -> FLOAT;
            case "decimal" -> DECIMAL;
            case "uuid" -> UUID_TYPE;
            case "date" -> DATE;
            case "datetime" -> DATETIME;
            case "time" -> TIME;
            case "duration" -> DURATION;
            case "path" -> PATH;
            default -> null;
        };
    }

    /** The converted value, or null when {@code text} is not a valid value of this type. */
    public Object convert(String text) {
        try {
            return switch (this) {
                case STR, PATH -> text;
                case INT -> Integer.valueOf(text);
                case LONG -> Long.valueOf(text);
                case FLOAT -> {
                    double value = Double.parseDouble(text);
                    yield Double.isFinite(value) ? value : null;
                }
                case DECIMAL -> new BigDecimal(text);
                case UUID_TYPE -> text.length() == 36 ? UUID.fromString(text) : null;
                case DATE -> LocalDate.parse(text);
                case DATETIME -> parseDateTime(text);
                case TIME -> parseTime(text);
                case DURATION -> Duration.parse(text);
            };
        } catch (RuntimeException notThisType) {
            return null;
        }
    }

    private static Object parseDateTime(String text) {
        char last = text.charAt(text.length() - 1);
        boolean hasOffset = last == 'Z' || last == 'z' || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10;
        return hasOffset ? OffsetDateTime.parse(text) : LocalDateTime.parse(text);
    }

    private static Object parseTime(String text) {
        char last = text.charAt(text.length() - 1);
        boolean hasOffset = last == 'Z' || text.indexOf('+') > 0 || text.indexOf('-') > 0;
        return hasOffset ? OffsetTime.parse(text) : LocalTime.parse(text);
    }
}

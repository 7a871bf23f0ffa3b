package dev.rigel.internal.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;

/** Converters from request text to the scalar types a parameter may declare. */
public final class ValueConverters {

    private ValueConverters() {}

    /** The converter for {@code type}, or null when text cannot be bound to it. */
    public static ValueConverter forType(Class<?> type) {
        if (type == String.class || type == Object.class || type == CharSequence.class) {
            return text -> text;
        }
        if (type == int.class || type == Integer.class) {
            return text -> parse(text, "an integer", () -> Integer.valueOf(text.trim()));
        }
        if (type == long.class || type == Long.class) {
            return text -> parse(text, "an integer", () -> Long.valueOf(text.trim()));
        }
        if (type == short.class || type == Short.class) {
            return text -> parse(text, "an integer", () -> Short.valueOf(text.trim()));
        }
        if (type == byte.class || type == Byte.class) {
            return text -> parse(text, "an integer", () -> Byte.valueOf(text.trim()));
        }
        if (type == double.class || type == Double.class) {
            return text -> parse(text, "a number", () -> Double.valueOf(text.trim()));
        }
        if (type == float.class || type == Float.class) {
            return text -> parse(text, "a number", () -> Float.valueOf(text.trim()));
        }
        if (type == boolean.class || type == Boolean.class) {
            return ValueConverters::parseBoolean;
        }
        if (type == char.class || type == Character.class) {
            return text -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("expected a single character, got '" + text + "'");
                }
                return text.charAt(0);
            };
        }
        if (type == BigDecimal.class) {
            return text -> parse(text, "a decimal number", () -> new BigDecimal(text.trim()));
        }
        if (type == BigInteger.class) {
            return text -> parse(text, "an integer", () -> new BigInteger(text.trim()));
        }
        if (type == UUID.class) {
            return text -> parse(text, "a UUID", () -> UUID.fromString(text.trim()));
        }
        if (type == LocalDate.class) {
            return text -> parse(text, "a date (YYYY-MM-DD)", () -> LocalDate.parse(text.trim()));
        }
        if (type == LocalDateTime.class) {
            return text -> parse(text, "a date-time (YYYY-MM-DDTHH:MM:SS)", () -> LocalDateTime.parse(text.trim()));
        }
        if (type == OffsetDateTime.class) {
            return text -> parse(text, "a date-time with offset", () -> OffsetDateTime.parse(text.trim()));
        }
        if (type == ZonedDateTime.class) {
            return text -> parse(text, "a date-time with zone", () -> ZonedDateTime.parse(text.trim()));
        }
        if (type == Instant.class) {
            return text -> parse(text, "an instant (e.g. 2024-01-31T10:00:00Z)", () -> Instant.parse(text.trim()));
        }
        if (type == LocalTime.class) {
            return text -> parse(text, "a time (HH:MM[:SS])", () -> LocalTime.parse(text.trim()));
        }
        if (type == OffsetTime.class) {
            return text -> parse(text, "a time with offset (HH:MM[:SS]+HH:MM)", () -> OffsetTime.parse(text.trim()));
        }
        if (type == Duration.class) {
            return text -> parse(text, "an ISO-8601 duration (e.g. PT5M)", () -> Duration.parse(text.trim()));
        }
        if (type.isEnum()) {
            return enumConverter(type);
        }
        return null;
    }

    public static boolean isScalar(Class<?> type) {
        return type != Object.class && forType(type) != null;
    }

    private static ValueConverter enumConverter(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        StringBuilder allowed = new StringBuilder();
        for (Object constant : constants) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name());
        }
        return text -> {
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text.trim())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + allowed + ", got '" + text + "'");
        };
    }

    private static Object parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected a boolean, got '" + text + "'");
        };
    }

    private interface Parse {
        Object get();
    }

    private static Object parse(String text, String expected, Parse parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
    }
}

package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;

/** Mappers configured as an app configures them, and short ways to write JSON in tests. */
final class DTOTestSupport {

    /** The mapper of an app with default settings. */
    static final ObjectMapper PLAIN = new JsonCodec(null).mapper();
    /** The mapper of an app with snake_case naming, as the seed app. */
    static final ObjectMapper SNAKE =
            new JsonCodec(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)).mapper();

    private DTOTestSupport() {}

    /** JSON written with single quotes, for readability: {@code json("{'a':1}")}. */
    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace('"', '\'');
    }

    static <T extends Record> DTOCodec<T> records(Class<T> model, DTOConfig config) {
        return RecordDTO.of(model, config).compile(PLAIN);
    }

    /** The validation errors {@code call} fails with, as "key: message". */
    static List<String> errors(ThrowableAssert.ThrowingCallable call) {
        ValidationException failure = catchThrowableOfType(ValidationException.class, call);
        assertThat(failure).as("a ValidationException").isNotNull();
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.errors())
                .allSatisfy(error -> assertThat(error.source()).isEqualTo("body"));
        return failure.errors().stream().map(DTOTestSupport::describe).toList();
    }

    private static String describe(ValidationError error) {
        return error.key() + ": " + error.message();
    }
}

package dev.rigel.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec(null);

    record Priced(BigDecimal price) {}

    private Object decode(Class<?> type, String body) {
        return codec.decode(codec.reader(type), body.getBytes(StandardCharsets.UTF_8), "POST", "/prices");
    }

    @Test
    void aTopLevelNumberJacksonCannotRepresentIsA400() {
        // found by JsonCodecFuzzTest: at the top level Jackson lets the NumberFormatException through (a 500)
        ClientException refused =
                catchThrowableOfType(ClientException.class, () -> decode(BigDecimal.class, "1e-2147483648"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.detail()).isEqualTo("Invalid JSON body: the value cannot be read as `BigDecimal`");
    }

    @Test
    void theSameNumberInsideAnObjectIsAValidationErrorNamingTheField() {
        ValidationException refused = catchThrowableOfType(
                ValidationException.class, () -> decode(Priced.class, "{\"price\":1e-2147483648}"));

        assertThat(refused.errors()).extracting(error -> error.key()).isEqualTo(List.of("price"));
    }

    @Test
    void aTopLevelEpochNumberPastTheLastInstantIsA400() {
        ClientException refused =
                catchThrowableOfType(ClientException.class, () -> decode(Instant.class, "99999999999999999"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.detail()).isEqualTo("Invalid JSON body: the value cannot be read as `Instant`");
    }

    @Test
    void representableNumbersStillDecode() {
        assertThat(decode(BigDecimal.class, "1e-300")).isEqualTo(new BigDecimal("1e-300"));
    }
}

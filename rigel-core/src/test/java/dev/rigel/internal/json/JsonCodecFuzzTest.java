package dev.rigel.internal.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.exceptions.ClientErrors;
import dev.rigel.internal.validation.BeanValidation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * JSON body binding: any bytes decode into the handler's declared type (and pass or fail Bean
 * Validation), or are refused with a 400. The types cover what handlers declare: records with
 * scalars, dates, enums, optionals and nested lists; collections and maps; and untyped
 * {@code Object}, where nesting depth is the client's to choose.
 */
class JsonCodecFuzzTest {

    enum Status {
        ACTIVE,
        BLOCKED
    }

    record Tag(@NotBlank String label, @Max(10) int weight) {}

    record Profile(
            String name,
            int age,
            long visits,
            Integer rank,
            double ratio,
            BigDecimal balance,
            BigInteger big,
            boolean active,
            char initial,
            Status status,
            UUID id,
            LocalDateTime seen,
            OffsetDateTime at,
            Duration idle,
            Optional<String> nickname,
            @Size(max = 3) List<@Valid Tag> tags,
            Map<String, List<Integer>> scores,
            Set<Status> flags,
            int[] counts,
            byte[] avatar) {}

    private static final Type[] TYPES = {
        Profile.class,
        Object.class,
        String.class,
        int.class,
        BigDecimal.class,
        double.class,
        List.class,
        Map.class,
        Tag[].class
    };

    private static final List<JsonCodec> CODECS = List.of(
            new JsonCodec(null),
            new JsonCodec(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));

    @FuzzTest
    void bindsOrRefusesAnyBody(byte[] body) {
        for (JsonCodec codec : CODECS) {
            for (Type type : TYPES) {
                ObjectReader reader = codec.reader(type);
                ClientErrors.allowOnly4xx(() -> {
                    Object data = codec.decode(reader, body, "POST", "/profiles");
                    BeanValidation.validateBody(data, codec::propertyName);
                });
            }
        }
    }
}

package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Any bytes sent to a DTO decode to data that builds a model, or are refused with a 400
 * ({@code ClientException} for broken JSON, {@code ValidationException} for the wrong shape).
 */
class DTOCodecFuzzTest {

    enum Kind {
        RETAIL,
        WHOLESALE
    }

    record Address(String street, @Size(max = 5) String zip) {}

    record Line(String sku, @Min(1) int qty, BigDecimal price) {}

    record Order(
            Long id,
            @NotBlank String name,
            @Email String email,
            Instant placedAt,
            LocalDate day,
            UUID ref,
            Kind kind,
            double score,
            boolean paid,
            Address address,
            List<Line> lines,
            List<String> notes) {}

    private static final List<DTOCodec<Order>> CODECS = List.of(
            DTOTestSupport.records(Order.class, DTOConfig.defaults()),
            DTOTestSupport.records(
                    Order.class,
                    DTOConfig.builder()
                            .exclude("id")
                            .forbidUnknownFields(true)
                            .maxNestedDepth(2)
                            .build()),
            RecordDTO.of(
                            Order.class,
                            DTOConfig.builder()
                                    .partial(true)
                                    .renameStrategy(RenameStrategy.SNAKE)
                                    .build())
                    .compile(DTOTestSupport.SNAKE));

    @FuzzTest
    void decodesOrRefusesAnyBody(byte[] json) {
        for (DTOCodec<Order> codec : CODECS) {
            ClientErrors.allowOnly4xx(() -> {
                DTOData<Order> data = codec.decode(json, "POST", "/orders");
                assertThat(data.create()).isNotNull();
            });
            ClientErrors.allowOnly4xx(() -> {
                List<DTOData<Order>> all = codec.decodeAll(json);
                all.forEach(data -> assertThat(data.create()).isNotNull());
            });
        }
    }
}

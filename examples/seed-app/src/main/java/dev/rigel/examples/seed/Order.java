package dev.rigel.examples.seed;

import dev.rigel.dto.DTOField;
import dev.rigel.dto.Mark;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;

/** An order placed by a user; clients see it through {@link OrderDTOs}. */
public record Order(
        @DTOField(mark = Mark.READ_ONLY) long id,
        long userId,
        @NotBlank String item,
        @Min(1) int quantity,
        @NotNull @DecimalMin("0.00") BigDecimal total,
        @DTOField(mark = Mark.READ_ONLY) Instant createdAt,
        @DTOField(mark = Mark.PRIVATE) String internalNotes) {
}

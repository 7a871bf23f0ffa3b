package dev.rigel.examples.seed;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** The body of {@code POST /api/v1/orders}. */
public record OrderCreate(
        @NotNull Long userId,
        @NotBlank String item,
        @Min(1) int quantity,
        @NotNull @DecimalMin("0.00") BigDecimal total) {
}

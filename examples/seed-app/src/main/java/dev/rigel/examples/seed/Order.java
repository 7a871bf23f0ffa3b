package dev.rigel.examples.seed;

import java.math.BigDecimal;
import java.time.Instant;

/** An order placed by a user. */
public record Order(long id, long userId, String item, int quantity, BigDecimal total, Instant createdAt) {
}

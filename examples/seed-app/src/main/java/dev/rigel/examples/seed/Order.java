package dev.rigel.examples.seed;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.rigel.annotation.Doc;
import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An order placed by a user (table {@code orders}); clients see it through {@link OrderDTOs}. The
 * user is kept as its id, which is what the API exchanges ({@code user_id}); the handler checks
 * it names a user.
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @JsonPropertyDescription("The user who placed the order")
    @Column(nullable = false)
    private long userId;

    @Doc(description = "What was ordered", examples = "\"keyboard\"")
    @NotBlank
    @Column(nullable = false)
    private String item;

    @Doc(description = "How many of the item", examples = "2")
    @Min(1)
    private int quantity;

    @Doc(description = "The price of the whole order", examples = "59.90")
    @NotNull
    @DecimalMin("0.00")
    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal total;

    @DTOField(mark = Mark.READ_ONLY)
    @Column(nullable = false)
    private Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @DTOField(mark = Mark.PRIVATE)
    private String internalNotes = "";

    protected Order() {}

    public Order(long userId, String item, int quantity, BigDecimal total) {
        this.userId = userId;
        this.item = item;
        this.quantity = quantity;
        this.total = total;
    }

    public Long id() {
        return id;
    }

    public long userId() {
        return userId;
    }
}

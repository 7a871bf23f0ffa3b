package dev.rigel.jpa.validmodel;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** An entity with Bean Validation constraints, which Hibernate checks at persist and flush. */
@Entity
@Table(name = "gadgets")
public class Gadget {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @NotBlank
    private String displayName;

    @Min(1)
    private int quantity;

    @Embedded
    @Valid
    private Box box;

    protected Gadget() {}

    public Gadget(String displayName, int quantity, int width) {
        this.displayName = displayName;
        this.quantity = quantity;
        this.box = new Box(width);
    }

    public Long getId() {
        return id;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }
}

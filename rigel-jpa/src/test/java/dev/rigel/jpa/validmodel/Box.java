package dev.rigel.jpa.validmodel;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Positive;

/** A gadget's box: a constraint inside an embeddable, reported under a dotted key. */
@Embeddable
public class Box {

    @Positive
    private int width;

    protected Box() {}

    public Box(int width) {
        this.width = width;
    }
}

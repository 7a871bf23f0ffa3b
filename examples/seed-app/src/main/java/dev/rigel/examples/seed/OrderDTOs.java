package dev.rigel.examples.seed;

import dev.rigel.dto.DTOConfig;
import dev.rigel.jpa.JpaDTO;

/** How orders cross the wire. */
public final class OrderDTOs {

    private OrderDTOs() {}

    /** Everything but the internal notes (which the model marks private anyway). */
    public static final class Read extends JpaDTO<Order> {
        public Read() {
            super(DTOConfig.builder().exclude("internalNotes").build());
        }
    }

    /** Placing an order: who, what, how many, for how much. */
    public static final class Write extends JpaDTO<Order> {
        public Write() {
            super(DTOConfig.builder()
                    .include("userId", "item", "quantity", "total")
                    .build());
        }
    }

    /** Changing an order's item or quantity. */
    public static final class Patch extends JpaDTO<Order> {
        public Patch() {
            super(DTOConfig.builder().include("item", "quantity").partial(true).build());
        }
    }
}

package dev.rigel.jpa.dtomodel;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A badge members wear (many-to-many); no getters, so a DTO reads its fields, which a proxy leaves empty. */
@Entity
@Table(name = "badges")
public class Badge {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String label;

    protected Badge() {}

    public Badge(String label) {
        this.label = label;
    }

    public Long id() {
        return id;
    }
}

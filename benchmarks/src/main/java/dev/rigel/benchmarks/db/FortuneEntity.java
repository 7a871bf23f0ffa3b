package dev.rigel.benchmarks.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** TechEmpower's {@code fortune} table for the JPA contender. */
@Entity
@Table(name = "fortune")
public class FortuneEntity {

    @Id
    private int id;

    @Column(nullable = false, length = 2048)
    private String message;

    protected FortuneEntity() {}

    public int getId() {
        return id;
    }

    public String getMessage() {
        return message;
    }
}

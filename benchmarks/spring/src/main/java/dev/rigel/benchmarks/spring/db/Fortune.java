package dev.rigel.benchmarks.spring.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** TechEmpower's {@code fortune} table. */
@Entity
@Table(name = "fortune")
public class Fortune {

    @Id
    private int id;

    @Column(nullable = false, length = 2048)
    private String message;

    protected Fortune() {}

    public int getId() {
        return id;
    }

    public String getMessage() {
        return message;
    }
}

package dev.rigel.benchmarks.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** TechEmpower's {@code world} table for the JPA contender. */
@Entity
@Table(name = "world")
public class WorldEntity {

    @Id
    private int id;

    @Column(name = "randomnumber", nullable = false)
    private int randomNumber;

    protected WorldEntity() {}

    public int getId() {
        return id;
    }

    public int getRandomNumber() {
        return randomNumber;
    }

    public void setRandomNumber(int randomNumber) {
        this.randomNumber = randomNumber;
    }
}

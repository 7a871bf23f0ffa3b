package dev.rigel.benchmarks.spring.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** TechEmpower's {@code world} table. */
@Entity
@Table(name = "world")
public class World {

    @Id
    private int id;

    @Column(name = "randomnumber", nullable = false)
    private int randomNumber;

    protected World() {}

    public int getId() {
        return id;
    }

    @JsonProperty("randomNumber")
    public int getRandomNumber() {
        return randomNumber;
    }

    public void setRandomNumber(int randomNumber) {
        this.randomNumber = randomNumber;
    }
}

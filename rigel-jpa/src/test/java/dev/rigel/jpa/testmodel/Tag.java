package dev.rigel.jpa.testmodel;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity whose id is assigned by the application, not generated. */
@Entity
@Table(name = "tags")
public class Tag {

    @Id
    private String code;

    private String label;

    protected Tag() {}

    public Tag(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String getCode() {
        return code;
    }

    public String getLabel() {
        return label;
    }
}

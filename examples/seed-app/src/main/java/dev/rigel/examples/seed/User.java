package dev.rigel.examples.seed;

import dev.rigel.annotation.Doc;
import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A stored user (table {@code users}), including fields no response may carry: the password hash
 * and internal notes are private to the server whatever a DTO says; the generated id is read-only
 * by {@link dev.rigel.jpa.JpaDTO}'s rule and the creation time by its mark. Clients see users
 * through {@link UserDTOs}.
 */
@Entity
// no unique email: the seed never refused a second user with the same address, so neither does this
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Doc(description = "The user's full name", examples = "\"Ada Lovelace\"")
    @NotBlank
    @Size(max = 100)
    @Column(nullable = false, length = 100)
    private String name;

    @Doc(description = "Where the shop writes to the user", examples = "\"ada@example.com\"")
    @NotNull
    @Email
    @Column(nullable = false)
    private String email;

    @DTOField(mark = Mark.PRIVATE)
    @Column(nullable = false)
    private String passwordHash;

    @DTOField(mark = Mark.READ_ONLY)
    @Column(nullable = false)
    private Instant createdAt;

    @DTOField(mark = Mark.PRIVATE)
    private String internalNotes;

    protected User() {}

    /** A new user, created now (to the microsecond, which is what both databases store). */
    public User(String name, String email, String passwordHash) {
        this(null, name, email, passwordHash, Instant.now().truncatedTo(ChronoUnit.MICROS), "");
    }

    /** A user as stored, e.g. rebuilt from the cache. */
    public User(Long id, String name, String email, String passwordHash, Instant createdAt, String internalNotes) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.internalNotes = internalNotes;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

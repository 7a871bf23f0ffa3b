package dev.rigel.examples.seed;

import java.time.Instant;

/** A stored user, including the fields no response may carry (password hash, internal notes). */
public record User(long id, String name, String email, String passwordHash, Instant createdAt, String internalNotes) {

    public User withName(String newName) {
        return new User(id, newName, email, passwordHash, createdAt, internalNotes);
    }

    public User withEmail(String newEmail) {
        return new User(id, name, newEmail, passwordHash, createdAt, internalNotes);
    }
}

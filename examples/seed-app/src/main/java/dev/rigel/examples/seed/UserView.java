package dev.rigel.examples.seed;

import java.time.Instant;

/** What clients see of a user: never the password hash or internal notes. */
public record UserView(long id, String name, String email, Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.name(), user.email(), user.createdAt());
    }
}

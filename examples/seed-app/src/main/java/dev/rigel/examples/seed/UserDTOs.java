package dev.rigel.examples.seed;

import dev.rigel.dto.DTOConfig;
import dev.rigel.jpa.JpaDTO;

/** How users cross the wire: what clients read, what they may write, and what a PATCH may change. */
public final class UserDTOs {

    private UserDTOs() {}

    /** What every user response holds: id, name, email, created_at. */
    public static final class Read extends JpaDTO<User> {
        public Read() {
            super(DTOConfig.builder().exclude("passwordHash", "internalNotes").build());
        }
    }

    /** A full replacement (PUT): name and email, both required by the model's constraints. */
    public static final class Write extends JpaDTO<User> {
        public Write() {
            super(DTOConfig.builder().include("name", "email").build());
        }
    }

    /** A PATCH: name and/or email; only what the client sends changes. */
    public static final class Patch extends JpaDTO<User> {
        public Patch() {
            super(DTOConfig.builder().include("name", "email").partial(true).build());
        }
    }
}

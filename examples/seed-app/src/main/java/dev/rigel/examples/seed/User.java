package dev.rigel.examples.seed;

import dev.rigel.dto.DTOField;
import dev.rigel.dto.Mark;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A stored user, including fields no response may carry: the password hash and internal notes are
 * private to the server whatever a DTO says; id and creation time are the server's to set.
 * Clients see users through {@link UserDTOs}.
 */
public record User(
        @DTOField(mark = Mark.READ_ONLY) long id,
        @NotBlank @Size(max = 100) String name,
        @NotNull @Email String email,
        @DTOField(mark = Mark.PRIVATE) String passwordHash,
        @DTOField(mark = Mark.READ_ONLY) Instant createdAt,
        @DTOField(mark = Mark.PRIVATE) String internalNotes) {
}

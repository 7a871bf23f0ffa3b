package dev.rigel.examples.seed;

import dev.rigel.annotation.Doc;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/users}. */
public record UserCreate(
        @Doc(description = "The user's full name", examples = "\"Ada Lovelace\"") @NotBlank @Size(max = 100)
        String name,

        @Doc(description = "Where the shop writes to the user", examples = "\"ada@example.com\"") @NotNull @Email
        String email,

        @Doc(description = "At least 8 characters; only its hash is stored", format = "password")
        @NotNull
        @Size(min = 8, max = 128)
        String password) {}

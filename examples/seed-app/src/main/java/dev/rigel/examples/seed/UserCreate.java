package dev.rigel.examples.seed;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/users}. */
public record UserCreate(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Email String email,
        @NotNull @Size(min = 8, max = 128) String password) {}

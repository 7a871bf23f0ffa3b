package dev.rigel.examples.seed;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/v1/users/{user_id}}: only the fields sent are changed. */
public record UserPatch(@Size(min = 1, max = 100) String name, @Email String email) {
}

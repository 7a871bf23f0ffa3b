package ${package};

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A note, as the app keeps it. */
public record Note(long id, @NotBlank @Size(max = 200) String text, Instant createdAt) {}

package ${package};

import dev.rigel.config.Default;
import dev.rigel.config.Description;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The app's own settings: each from a flag ({@code --greeting=Hi}), an environment variable
 * ({@code GREETING}), {@code application.yaml}, or its default. The server's settings
 * ({@code --port}, {@code server.*}) come with the command line.
 */
public record Settings(
        @Description("what GET / answers") @Default("Hello from Rigel") @NotBlank String greeting,
        @Description("how many notes the app keeps") @Default("1000") @Min(1) @Max(100000) int maxNotes) {}

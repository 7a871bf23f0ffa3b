package dev.rigel.problem;

import dev.rigel.App;
import dev.rigel.InitPlugin;

/**
 * Answers the app's errors as RFC 9457 problem details (Litestar's {@code ProblemDetailsPlugin}):
 * {@code App.builder().plugins(new ProblemDetailsPlugin(ProblemDetailsConfig.create()
 * .enableForAllHttpExceptions(true)))}. It applies its {@link ProblemDetailsConfig} to the app
 * layer, so routers, controllers and handlers can still register handlers of their own.
 */
public final class ProblemDetailsPlugin implements InitPlugin {

    private final ProblemDetailsConfig config;

    public ProblemDetailsPlugin(ProblemDetailsConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** Problem details for {@link ProblemDetailsException}s only. */
    public ProblemDetailsPlugin() {
        this(ProblemDetailsConfig.create());
    }

    public ProblemDetailsConfig config() {
        return config;
    }

    @Override
    public void onAppInit(App.Builder app) {
        config.applyTo(app);
    }
}

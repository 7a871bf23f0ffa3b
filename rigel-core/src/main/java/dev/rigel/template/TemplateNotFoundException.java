package dev.rigel.template;

/**
 * The engine has no template of the name a handler asked for: a mistake in the app, answered with
 * a 500 and logged.
 */
public class TemplateNotFoundException extends RuntimeException {

    public TemplateNotFoundException(String name, Throwable cause) {
        super(
                "Template '" + name + "' not found"
                        + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause);
    }
}

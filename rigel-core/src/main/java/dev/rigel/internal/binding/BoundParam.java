package dev.rigel.internal.binding;

/**
 * A parameter with its binder; {@code key} and {@code source} say where the value came from, so
 * a validation failure can name it ({@code source} is null for values the client did not send).
 */
public record BoundParam(Binder binder, String key, String source) {}

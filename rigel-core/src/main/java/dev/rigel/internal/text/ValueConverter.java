package dev.rigel.internal.text;

/** Converts request text (query, header, cookie values) to a parameter's type. */
@FunctionalInterface
public interface ValueConverter {

    /** @throws IllegalArgumentException with a short, client-safe reason when the text does not fit */
    Object convert(String text);
}

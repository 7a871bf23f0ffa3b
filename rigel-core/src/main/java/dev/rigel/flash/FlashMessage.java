package dev.rigel.flash;

import java.util.Objects;

/**
 * One flash message: what to tell the user, and a category a template styles it by
 * ({@code "info"}, {@code "error"}, …).
 *
 * @param message  the text
 * @param category the kind of message
 */
public record FlashMessage(String message, String category) {

    public FlashMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(category, "category");
    }
}

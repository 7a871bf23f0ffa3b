package dev.rigel.openapi.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Operation ids and summaries derived from what a route already has. Ids come from the method and
 * the path template (not the handler's name), so they are stable across refactorings that keep the
 * API, and unique because a method and path pick one handler; a clash after the spelling
 * (e.g. {@code /a-b} and {@code /a_b}) gets a numeric suffix in path order.
 */
public final class Operations {

    private final Set<String> used = new HashSet<>();

    /**
     * An id the handler chose ({@code @Operation(operationId = …)}); two handlers choosing the same
     * one is a mistake, reported naming the second.
     */
    public String explicitId(String id, String operation) {
        if (!used.add(id)) {
            throw new dev.rigel.exceptions.ImproperlyConfiguredException("operationId '" + id + "' of " + operation
                    + " is already used by another operation; operation ids must be unique");
        }
        return id;
    }

    /** {@code GET /api/v1/users/{user_id:int}} → {@code getApiV1UsersUserId}. */
    public String operationId(String method, String openApiPath) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String word : words(openApiPath)) {
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        String base = id.toString();
        String unique = base;
        for (int i = 2; !used.add(unique); i++) {
            unique = base + i;
        }
        return unique;
    }

    /** The template without parameter types: {@code /users/{user_id:int}} → {@code /users/{user_id}}. */
    public static String openApiPath(String template) {
        return template.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }

    /** A method name in words, Litestar's default summary: {@code listOrders} → {@code List Orders}. */
    public static String summary(String methodName) {
        List<String> words = words(methodName);
        StringBuilder summary = new StringBuilder();
        for (String word : words) {
            if (!summary.isEmpty()) {
                summary.append(' ');
            }
            summary.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return summary.toString();
    }

    /** Splits on anything that is not a letter or digit, and before each upper-case letter after a lower-case one. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char previous = 0;
        for (char c : text.toCharArray()) {
            boolean alnum = Character.isLetterOrDigit(c);
            if (!alnum || (Character.isUpperCase(c) && Character.isLowerCase(previous))) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            }
            if (alnum) {
                word.append(c);
            }
            previous = c;
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}

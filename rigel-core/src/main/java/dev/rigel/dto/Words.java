package dev.rigel.dto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a field name into lower-case words for the built-in rename strategies: at underscores,
 * hyphens and spaces, before an upper-case letter that follows a lower-case one or a digit, and
 * before the last capital of an acronym that starts a new word ({@code URLPath} → url, path).
 */
final class Words {

    private Words() {}

    public static List<String> split(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int length = name.length();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-' || c == ' ') {
                flush(word, words);
                continue;
            }
            if (Character.isUpperCase(c) && !word.isEmpty()) {
                char previous = name.charAt(i - 1);
                boolean nextIsLower = i + 1 < length && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(previous)
                        || Character.isDigit(previous)
                        || Character.isUpperCase(previous) && nextIsLower) {
                    flush(word, words);
                }
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    /** The words joined by {@code separator}: {@code created_at}, {@code created-at}. */
    public static String join(String name, char separator) {
        return String.join(String.valueOf(separator), split(name));
    }

    /** {@code createdAt} (or {@code CreatedAt} when {@code upperFirst}). */
    public static String camel(String name, boolean upperFirst) {
        StringBuilder out = new StringBuilder(name.length());
        for (String word : split(name)) {
            if (out.isEmpty() && !upperFirst) {
                out.append(word);
            } else {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word, 1, word.length());
            }
        }
        return out.toString();
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}

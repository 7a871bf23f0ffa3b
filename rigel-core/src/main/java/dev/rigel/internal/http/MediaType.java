package dev.rigel.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A media type as written in {@code Content-Type} or an {@code Accept} element (RFC 9110 §8.3.1):
 * {@code type/subtype} (lower-cased) and parameters in order, names lower-cased and quoted values
 * unquoted. Parsing is strict about tokens, so a value that is not a media type is refused rather
 * than guessed at.
 */
public record MediaType(String type, String subtype, Map<String, String> params) {

    /** The media type in {@code text}, or null when it is not one. */
    public static MediaType parse(String text) {
        if (text == null) {
            return null;
        }
        List<String> parts = split(text, ';');
        String essence = parts.get(0).trim();
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1) {
            return null;
        }
        String type = essence.substring(0, slash);
        String subtype = essence.substring(slash + 1);
        if (!isToken(type) || !isToken(subtype)) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.size(); i++) {
            String param = parts.get(i).trim();
            if (param.isEmpty()) {
                continue; // "text/html;" and ";;" are tolerated by the grammar's OWS ";" repetition
            }
            int eq = param.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = param.substring(0, eq).trim();
            String value = param.substring(eq + 1).trim();
            if (!isToken(name)) {
                return null;
            }
            if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                value = unquote(value.substring(1, value.length() - 1));
            } else if (!isToken(value)) {
                return null;
            }
            params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        }
        return new MediaType(
                type.toLowerCase(Locale.ROOT),
                subtype.toLowerCase(Locale.ROOT),
                java.util.Collections.unmodifiableMap(params));
    }

    /** {@code type/subtype} without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** A parameter's value (name compared case-insensitively), or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** The elements of a comma-separated header list; commas inside quoted strings do not split. */
    static List<String> splitList(String header) {
        List<String> elements = new ArrayList<>();
        for (String element : split(header, ',')) {
            if (!element.isBlank()) {
                elements.add(element.trim());
            }
        }
        return elements;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++; // the escaped character cannot end the quote or separate
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String unquote(String quoted) {
        if (quoted.indexOf('\\') < 0) {
            return quoted;
        }
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** RFC 9110 token: visible ASCII except delimiters. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}

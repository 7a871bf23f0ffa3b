package dev.rigel.middleware.compression;

import java.util.List;
import java.util.Locale;

/** Matches a {@code Content-Type} against exact media types and {@code type/*} families. */
final class MediaTypes {

    private final List<String> exact;
    private final List<String> families;

    MediaTypes(List<String> patterns) {
        this.exact = patterns.stream().filter(p -> !p.endsWith("/*")).toList();
        this.families = patterns.stream()
                .filter(p -> p.endsWith("/*"))
                .map(p -> p.substring(0, p.length() - 1))
                .toList();
    }

    boolean matches(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        if (exact.contains(type)) {
            return true;
        }
        if (type.endsWith("+xml") || type.endsWith("+json")) {
            return false; // text in any family (image/svg+xml): always worth compressing
        }
        for (String family : families) {
            if (type.startsWith(family)) {
                return true;
            }
        }
        return false;
    }
}

package dev.rigel.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A middleware's path exclusions ({@code exclude("^/health$", "^/api/")}), matched per request as
 * cheaply as each pattern allows, with the meaning of a regular-expression search unchanged.
 *
 * <p>Most exclusions are anchored literals. One joined {@code find} over all of them tried every
 * alternative at every position of the path, on every request of every middleware that has them
 * (about 5% of the seed app's cached-read profile). Here each pattern is looked at once: {@code
 * ^literal$} is an equality test, {@code ^literal} a prefix test, and any other pattern anchored
 * behind a literal prefix runs its regex only on paths with that prefix. Unanchored patterns,
 * patterns with a top-level alternation or inline flags are searched as given.
 */
public final class ExcludedPaths {

    private static final String META = "\\.[]{}()*+?^$|";

    /** How one pattern is tested. */
    private enum Test {
        /** {@code ^literal$}: the path is the literal (or the literal and a final line break, as {@code $} allows). */
        EQUAL,
        /** {@code ^literal}: the path starts with it. */
        PREFIX,
        /** Anything else: the regex, searched, on paths starting with its literal prefix. */
        SEARCH
    }

    private record Exclusion(Test test, String prefix, Pattern regex) {}

    private final Exclusion[] exclusions;

    private ExcludedPaths(Exclusion[] exclusions) {
        this.exclusions = exclusions;
    }

    /** The matcher for these patterns; null when there are none. */
    public static ExcludedPaths of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return null;
        }
        List<Exclusion> exclusions = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            Pattern regex = Pattern.compile(pattern);
            String prefix = anchoredLiteralPrefix(pattern);
            if (prefix == null) {
                exclusions.add(new Exclusion(Test.SEARCH, "", regex));
            } else if (pattern.equals("^" + prefix + "$")) {
                exclusions.add(new Exclusion(Test.EQUAL, prefix, regex));
            } else if (pattern.equals("^" + prefix)) {
                exclusions.add(new Exclusion(Test.PREFIX, prefix, regex));
            } else {
                exclusions.add(new Exclusion(Test.SEARCH, prefix, regex));
            }
        }
        return new ExcludedPaths(exclusions.toArray(Exclusion[]::new));
    }

    /** Whether any pattern is found in {@code path}. */
    public boolean matches(String path) {
        for (Exclusion exclusion : exclusions) {
            if (!path.startsWith(exclusion.prefix)) {
                continue;
            }
            boolean found = switch (exclusion.test) {
                case PREFIX -> true;
                // "$" also matches before a line terminator (of up to two characters) that ends the input
                case EQUAL ->
                    path.length() == exclusion.prefix.length()
                            || (path.length() <= exclusion.prefix.length() + 2
                                    && exclusion.regex.matcher(path).find());
                case SEARCH -> exclusion.regex.matcher(path).find();
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    /**
     * The literal text a pattern starting with {@code ^} requires at the start of the input, or
     * null when the pattern is not anchored that way: it does not start with {@code ^}, or it has
     * an alternation outside any group ({@code ^/a|/b} finds {@code /b} anywhere) or an inline
     * flag group (which may change what the literal matches). A literal followed by a quantifier
     * is not required, so the prefix stops before it.
     */
    static String anchoredLiteralPrefix(String pattern) {
        if (!pattern.startsWith("^") || pattern.contains("(?")) {
            return null;
        }
        int depth = 0;
        boolean inClass = false;
        for (int i = 1; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return null;
            }
        }
        int end = 1;
        while (end < pattern.length() && META.indexOf(pattern.charAt(end)) < 0) {
            end++;
        }
        if (end < pattern.length() && "*+?{".indexOf(pattern.charAt(end)) >= 0 && end > 1) {
            // the quantifier makes the character before it optional or repeatable (a whole code point)
            end -= Character.isLowSurrogate(pattern.charAt(end - 1)) && end > 2 ? 2 : 1;
        }
        return pattern.substring(1, end);
    }
}

package dev.rigel.internal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed route path such as {@code /users/{user_id:int}/orders}. Trailing slashes are
 * insignificant; {@code {name}} without a type means {@code str}; a {@code path} parameter must
 * be last and takes the rest of the path.
 */
public record PathTemplate(String template, List<Segment> segments) {

    /** A literal segment or a typed parameter. */
    public record Segment(String literal, String paramName, ParamType paramType) {
        public boolean isParam() {
            return paramName != null;
        }

        @Override
        public String toString() {
            return isParam() ? "{" + paramName + ":" + paramType.label() + "}" : literal;
        }
    }

    public static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String normalized = path.startsWith("/") ? path : "/" + path;
        normalized = normalized.replaceAll("/{2,}", "/");
        while (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }

    /** Joins layer paths: {@code join("/api/v1", "/users/")} is {@code /api/v1/users}. */
    public static String join(String prefix, String path) {
        return normalize(normalize(prefix) + "/" + (path == null ? "" : path));
    }

    public static PathTemplate parse(String path) {
        String template = normalize(path);
        List<Segment> segments = new ArrayList<>();
        if (!template.equals("/")) {
            String[] parts = template.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.startsWith("{") && part.endsWith("}")) {
                    String inner = part.substring(1, part.length() - 1).trim();
                    int colon = inner.indexOf(':');
                    String name = colon < 0 ? inner : inner.substring(0, colon).trim();
                    String typeLabel =
                            colon < 0 ? "str" : inner.substring(colon + 1).trim();
                    if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                        throw new IllegalArgumentException("Path '" + template + "': parameter name '" + name
                                + "' must be letters, digits and underscores");
                    }
                    ParamType type = ParamType.fromLabel(typeLabel);
                    if (type == null) {
                        throw new IllegalArgumentException(
                                "Path '" + template + "': unknown parameter type '" + typeLabel
                                        + "' for '" + name + "'; use one of str, int, long, float, decimal, uuid, date,"
                                        + " datetime, time, duration, path");
                    }
                    if (type == ParamType.PATH && i != parts.length - 1) {
                        throw new IllegalArgumentException(
                                "Path '" + template + "': the path parameter '" + name + "' must be the last segment");
                    }
                    segments.add(new Segment(null, name, type));
                } else if (part.contains("{") || part.contains("}")) {
                    throw new IllegalArgumentException("Path '" + template + "': segment '" + part
                            + "' mixes text and a parameter; a parameter must be a whole segment");
                } else {
                    segments.add(new Segment(part, null, null));
                }
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            for (int j = i + 1; j < segments.size(); j++) {
                if (segments.get(i).isParam()
                        && segments.get(j).isParam()
                        && segments.get(i).paramName().equals(segments.get(j).paramName())) {
                    throw new IllegalArgumentException("Path '" + template + "' uses parameter '"
                            + segments.get(i).paramName() + "' twice");
                }
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    public boolean isStatic() {
        return segments.stream().noneMatch(Segment::isParam);
    }

    public List<Segment> params() {
        return segments.stream().filter(Segment::isParam).toList();
    }
}

package dev.rigel.internal.app;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NoRouteMatchFoundException;
import dev.rigel.internal.routing.ParamType;
import dev.rigel.internal.routing.PathTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds paths from route names (Litestar's {@code route_reverse}). Only names given explicitly
 * ({@code @Get(name = "get_user")}, {@code Route.get(…).name("health")}) are registered, and each
 * must be unique in the app: a default name such as {@code UserController.get} is a description,
 * and reversing it would silently depend on which of two mounts came first.
 */
public final class RouteNames {

    /** Characters a path segment may carry unescaped (RFC 3986 pchar without '%'). */
    private static final String SEGMENT_SAFE = "-._~!$&'()*+,;=:@";

    /** {@code owner} is the declaring handler, compared by identity; {@code description} names it in errors. */
    private record Named(Object owner, String description, List<PathTemplate> templates) {}

    private final Map<String, Named> routes = new HashMap<>();

    public void register(String name, Object owner, String description, PathTemplate template) {
        Named existing = routes.get(name);
        if (existing == null) {
            routes.put(name, new Named(owner, description, new ArrayList<>(List.of(template))));
        } else if (existing.owner == owner) {
            existing.templates.add(template); // one handler declared on several paths
        } else {
            throw new ImproperlyConfiguredException("Route name '" + name + "' is used by " + existing.description
                    + " and by " + description + "; route names must be unique so urlFor knows which route is meant");
        }
    }

    /**
     * The path of route {@code name} with {@code params} filled in, then {@code query} encoded as a
     * query string. With several paths, the one whose parameters are exactly the keys given is used.
     * Keys may be written as in the path ({@code user_id}) or in camel case ({@code userId}).
     */
    String reverse(String name, Map<String, ?> params, Map<String, ?> query) {
        Named named = routes.get(name);
        if (named == null) {
            throw new NoRouteMatchFoundException(
                    "No route is named '" + name + "'; named routes: " + new TreeSet<>(routes.keySet()));
        }
        Map<String, Object> given = new LinkedHashMap<>();
        params.forEach((key, value) -> given.put(comparable(key), value));
        for (PathTemplate template : named.templates) {
            Set<String> wanted = template.params().stream()
                    .map(segment -> comparable(segment.paramName()))
                    .collect(Collectors.toSet());
            if (wanted.equals(given.keySet())) {
                return build(name, template, given) + queryString(query);
            }
        }
        throw new NoRouteMatchFoundException("Route '" + name + "' needs the parameters "
                + named.templates.stream()
                        .map(template -> template.params().stream()
                                .map(PathTemplate.Segment::paramName)
                                .toList()
                                .toString())
                        .collect(Collectors.joining(" or "))
                + " but was given " + params.keySet());
    }

    private static String build(String name, PathTemplate template, Map<String, Object> given) {
        if (template.segments().isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (PathTemplate.Segment segment : template.segments()) {
            path.append('/');
            if (!segment.isParam()) {
                path.append(segment.literal());
                continue;
            }
            Object value = given.get(comparable(segment.paramName()));
            String text = value == null ? null : String.valueOf(value);
            if (text == null || segment.paramType().convert(stripSlash(segment, text)) == null) {
                throw new NoRouteMatchFoundException("Route '" + name + "': parameter '" + segment.paramName()
                        + "' must be of type " + segment.paramType().label() + ", got "
                        + (value == null
                                ? "null"
                                : "'" + text + "' (" + value.getClass().getSimpleName() + ")"));
            }
            if (segment.paramType() == ParamType.PATH) {
                String rest = stripSlash(segment, text);
                for (String part : rest.split("/", -1)) {
                    path.append(encodeSegment(part)).append('/');
                }
                path.setLength(path.length() - 1);
            } else {
                path.append(encodeSegment(text));
            }
        }
        return path.toString();
    }

    /** A path parameter's value may be given with or without its leading slash. */
    private static String stripSlash(PathTemplate.Segment segment, String text) {
        return segment.paramType() == ParamType.PATH && text.startsWith("/") ? text.substring(1) : text;
    }

    static String encodeSegment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || SEGMENT_SAFE.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** {@code ?a=1&b=x%20y}; an iterable value repeats the key; null values are left out. */
    static String queryString(Map<String, ?> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        query.forEach((key, value) -> {
            Iterable<?> values = value instanceof Iterable<?> many ? many : java.util.Collections.singletonList(value);
            for (Object single : values) {
                if (single != null) {
                    out.append(out.isEmpty() ? '?' : '&')
                            .append(formEncode(key))
                            .append('=')
                            .append(formEncode(String.valueOf(single)));
                }
            }
        });
        return out.toString();
    }

    private static String formEncode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code user_id} and {@code userId} name the same parameter, as in parameter binding. */
    private static String comparable(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}

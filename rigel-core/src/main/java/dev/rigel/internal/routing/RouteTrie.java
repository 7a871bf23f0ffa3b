package dev.rigel.internal.routing;

import dev.rigel.protocol.PathDecoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps request paths to endpoints (one endpoint per path template). Fully static paths are found
 * with one hash lookup; the rest walk a trie of segments where a static segment beats a
 * parameter, with backtracking so {@code /users/me/x} can still fall back to {@code /users/{id}/x}.
 * A segment that does not convert to its parameter's type does not match, so it ends in 404.
 *
 * @param <T> the endpoint payload
 */
public final class RouteTrie<T> {

    private final Map<String, T> staticPaths = new HashMap<>();
    private final Node<T> root = new Node<>();
    private int maxParams;

    /** Up to this many static children are compared in place; more are looked up by hash. */
    private static final int SCANNED_CHILDREN = 8;

    private static final class Node<T> {
        Map<String, Node<T>> statics;
        // the same children as arrays, for finding one without cutting the segment out of the path
        String[] staticNames = new String[0];
        Node<?>[] staticNodes = new Node<?>[0];
        Node<T> param;
        String paramName;
        ParamType paramType;
        String paramTemplate;
        Node<T> rest;
        String restName;
        String restTemplate;
        T value;

        Node<T> addStatic(String name, Node<T> child) {
            int n = staticNames.length;
            staticNames = Arrays.copyOf(staticNames, n + 1);
            staticNodes = Arrays.copyOf(staticNodes, n + 1);
            staticNames[n] = name;
            staticNodes[n] = child;
            return child;
        }

        /** The static child named by {@code path}'s characters {@code start..end}, which hold no escape. */
        @SuppressWarnings("unchecked")
        Node<T> staticChild(String path, int start, int end) {
            if (staticNames.length > SCANNED_CHILDREN) {
                return statics.get(path.substring(start, end));
            }
            int length = end - start;
            for (int i = 0; i < staticNames.length; i++) {
                String name = staticNames[i];
                if (name.length() == length && path.regionMatches(start, name, 0, length)) {
                    return (Node<T>) staticNodes[i];
                }
            }
            return null;
        }
    }

    /**
     * The endpoint for {@code template}, created with {@code factory} on first use. Two templates
     * that put differently named or typed parameters at the same position are rejected.
     */
    public T endpoint(PathTemplate template, Function<PathTemplate, T> factory) {
        Node<T> node = root;
        for (PathTemplate.Segment segment : template.segments()) {
            if (!segment.isParam()) {
                if (node.statics == null) {
                    node.statics = new HashMap<>();
                }
                Node<T> parent = node;
                node = node.statics.computeIfAbsent(segment.literal(), key -> parent.addStatic(key, new Node<>()));
            } else if (segment.paramType() == ParamType.PATH) {
                if (node.rest == null) {
                    node.rest = new Node<>();
                    node.restName = segment.paramName();
                    node.restTemplate = template.template();
                } else if (!node.restName.equals(segment.paramName())) {
                    throw conflict(template.template(), node.restTemplate, node.restName, segment);
                }
                node = node.rest;
            } else {
                if (node.param == null) {
                    node.param = new Node<>();
                    node.paramName = segment.paramName();
                    node.paramType = segment.paramType();
                    node.paramTemplate = template.template();
                } else if (!node.paramName.equals(segment.paramName()) || node.paramType != segment.paramType()) {
                    throw conflict(
                            template.template(),
                            node.paramTemplate,
                            "{" + node.paramName + ":" + node.paramType.label() + "}",
                            segment);
                }
                node = node.param;
            }
        }
        if (node.value == null) {
            node.value = factory.apply(template);
            if (template.isStatic()) {
                staticPaths.put(template.template(), node.value);
            }
            maxParams = Math.max(maxParams, template.params().size());
        }
        return node.value;
    }

    private static IllegalStateException conflict(
            String template, String existingTemplate, String existing, PathTemplate.Segment segment) {
        return new IllegalStateException("Route '" + template + "' declares " + segment + " where route '"
                + existingTemplate + "' declares " + existing
                + " at the same position; use one name and type for both");
    }

    /** The match for a decoded-or-raw request path, or null when no endpoint fits. */
    public RouteMatch<T> match(String rawPath) {
        String path = rawPath;
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end != path.length()) {
            path = path.substring(0, end);
        }
        if (path.indexOf('%') < 0) {
            T found = staticPaths.get(path.isEmpty() ? "/" : path);
            if (found != null) {
                return new RouteMatch<>(found, RouteMatch.NO_VALUES);
            }
        }
        if (maxParams == 0 && path.indexOf('%') < 0) {
            return null;
        }
        Object[] values = new Object[Math.max(maxParams, 1)];
        Node<T> node = walk(root, path, path.startsWith("/") ? 0 : -1, values, 0);
        return node == null ? null : new RouteMatch<>(node.value, values);
    }

    private Node<T> walk(Node<T> node, String path, int slash, Object[] values, int paramIndex) {
        if (slash >= path.length() - 1) {
            if (node.value != null) {
                return node;
            }
            if (node.rest != null && node.rest.value != null) {
                values[paramIndex] = "/";
                return node.rest;
            }
            return null;
        }
        int start = slash + 1;
        int next = path.indexOf('/', start);
        if (next < 0) {
            next = path.length();
        }
        // a segment without escapes is matched against static names in place; it is cut out of the
        // path only as a parameter's value (/api/v1/users/1 cuts out one string, not four)
        boolean escaped = path.indexOf('%', start, next) >= 0;
        String segment = escaped ? PathDecoder.decode(path.substring(start, next)) : null;
        if (node.statics != null) {
            Node<T> child = segment != null ? node.statics.get(segment) : node.staticChild(path, start, next);
            if (child != null) {
                Node<T> found = walk(child, path, next, values, paramIndex);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.param != null) {
            if (segment == null) {
                segment = path.substring(start, next);
            }
            Object converted = node.paramType.convert(segment);
            if (converted != null) {
                values[paramIndex] = converted;
                Node<T> found = walk(node.param, path, next, values, paramIndex + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.rest != null && node.rest.value != null) {
            values[paramIndex] = PathDecoder.decode(path.substring(slash));
            return node.rest;
        }
        return null;
    }
}

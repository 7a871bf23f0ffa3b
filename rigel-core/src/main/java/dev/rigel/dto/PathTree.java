package dev.rigel.dto;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of dotted field paths as a tree, walked alongside the model while a DTO is compiled:
 * {@code address.street} and {@code address.city} become node {@code address} with two leaves.
 * Index segments ({@code items.0.sku}, Litestar's way into collections) are dropped, since a
 * collection's elements are all shaped alike.
 */
final class PathTree {

    private final Map<String, PathTree> children = new LinkedHashMap<>();
    /** whether a path ends here, meaning the whole field (and everything under it) */
    private boolean whole;

    static PathTree of(Collection<String> paths) {
        PathTree root = new PathTree();
        for (String path : paths) {
            PathTree node = root;
            for (String segment : segments(path)) {
                node = node.children.computeIfAbsent(segment, key -> new PathTree());
            }
            node.whole = true;
        }
        return root;
    }

    /** The field names of a path, without index segments. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("\\.")) {
            if (!segment.chars().allMatch(Character::isDigit)) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** {@code path} without index segments: the key renames are looked up by. */
    static String normalize(String path) {
        return String.join(".", segments(path));
    }

    boolean isEmpty() {
        return children.isEmpty();
    }

    /** The subtree for field {@code name}, or null when no path goes through it. */
    PathTree child(String name) {
        return children.get(name);
    }

    boolean whole() {
        return whole;
    }
}

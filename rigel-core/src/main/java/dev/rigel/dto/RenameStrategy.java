package dev.rigel.dto;

import java.util.Locale;

/**
 * Turns a model field's Java name into its name on the wire. The built-in strategies split the
 * Java name into words at case changes, digits and underscores ({@code createdAt} → created, at;
 * {@code userID} → user, id); any function from name to name is a strategy too:
 * {@code renameStrategy(name -> "x_" + name)}.
 */
@FunctionalInterface
public interface RenameStrategy {

    /** {@code createdAt} → {@code createdAt}; {@code created_at} → {@code createdAt}. */
    RenameStrategy CAMEL = name -> Words.camel(name, false);

    /** {@code createdAt} → {@code CreatedAt}. */
    RenameStrategy PASCAL = name -> Words.camel(name, true);

    /** {@code createdAt} → {@code created_at}. */
    RenameStrategy SNAKE = name -> Words.join(name, '_');

    /** {@code createdAt} → {@code created-at}. */
    RenameStrategy KEBAB = name -> Words.join(name, '-');

    /** {@code createdAt} → {@code CREATEDAT}: the name upper-cased as it is, as Litestar's "upper". */
    RenameStrategy UPPER = name -> name.toUpperCase(Locale.ROOT);

    /** {@code createdAt} → {@code createdat}: the name lower-cased as it is, as Litestar's "lower". */
    RenameStrategy LOWER = name -> name.toLowerCase(Locale.ROOT);

    /** The wire name for the Java field name {@code fieldName}. */
    String rename(String fieldName);
}

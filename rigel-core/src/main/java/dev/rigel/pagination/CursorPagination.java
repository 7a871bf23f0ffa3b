package dev.rigel.pagination;

import java.util.List;
import java.util.Objects;

/**
 * One batch of a larger result found by a cursor: {@code {"items": [...], "resultsPerPage": 20,
 * "cursor": 140}} (Litestar's {@code CursorPagination}; {@code results_per_page} under snake case).
 * The cursor is the unique key of the last item sent, which the client passes back to ask for the
 * batch after it; null means there is nothing after this batch. With a return DTO, each item goes
 * through the DTO; the cursor is written as the app writes any value of its type.
 *
 * @param items          the batch's items, in key order
 * @param resultsPerPage the most items a batch holds
 * @param cursor         the key to ask for the next batch with, or null when this batch is the last
 * @param <C>            the key type (a number, a string, a UUID…)
 * @param <T>            the item type
 */
public record CursorPagination<C, T>(List<T> items, int resultsPerPage, C cursor) {

    public CursorPagination {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (resultsPerPage < 0) {
            throw new IllegalArgumentException("resultsPerPage must not be negative: " + resultsPerPage);
        }
    }
}

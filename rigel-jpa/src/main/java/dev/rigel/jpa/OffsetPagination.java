package dev.rigel.jpa;

import java.util.List;

/**
 * One page of a listing and where it sits: Litestar's {@code OffsetPagination}. Encoded as
 * {@code {"items": […], "limit": 20, "offset": 40, "total": 95}}.
 *
 * @param items the rows of this page
 * @param limit the page size asked for (the number of items when no limit was given)
 * @param offset how many rows come before this page
 * @param total how many rows match the filters, over all pages
 */
public record OffsetPagination<T>(List<T> items, int limit, int offset, long total) {

    public OffsetPagination {
        items = List.copyOf(items);
    }
}

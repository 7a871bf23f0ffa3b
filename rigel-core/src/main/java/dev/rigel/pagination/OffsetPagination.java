package dev.rigel.pagination;

import java.util.List;
import java.util.Objects;

/**
 * One page of a larger result, found by offset: {@code {"items": [...], "limit": 20, "offset": 40,
 * "total": 123}} (Litestar's {@code OffsetPagination}). A handler returns it like any value; with a
 * return DTO, each item goes through the DTO.
 *
 * @param items  the page's items
 * @param limit  the page size asked for
 * @param offset how many items come before this page
 * @param total  how many items there are in all
 * @param <T>    the item type
 */
public record OffsetPagination<T>(List<T> items, int limit, int offset, long total) {

    public OffsetPagination {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (limit < 0 || offset < 0 || total < 0) {
            throw new IllegalArgumentException("limit, offset and total must not be negative: limit=" + limit
                    + ", offset=" + offset + ", total=" + total);
        }
    }
}

package dev.rigel.pagination;

import java.util.List;
import java.util.Objects;

/**
 * One numbered page of a larger result: {@code {"items": [...], "pageSize": 20, "currentPage": 3,
 * "totalPages": 7}} (Litestar's {@code ClassicPagination}; the field names follow the app's JSON
 * naming, {@code page_size} etc. under snake case). A handler returns it like any value; with a
 * return DTO, each item goes through the DTO. Pages are numbered from 1.
 *
 * @param items       the page's items
 * @param pageSize    how many items a page holds
 * @param currentPage the number of this page, from 1
 * @param totalPages  how many pages there are in all (0 when there are no items)
 * @param <T>         the item type
 */
public record ClassicPagination<T>(List<T> items, int pageSize, int currentPage, int totalPages) {

    public ClassicPagination {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (pageSize < 0 || currentPage < 0 || totalPages < 0) {
            throw new IllegalArgumentException("pageSize, currentPage and totalPages must not be negative: pageSize="
                    + pageSize + ", currentPage=" + currentPage + ", totalPages=" + totalPages);
        }
    }

    /** How many pages {@code total} items fill at {@code pageSize} items a page (the last one may be short). */
    public static int pageCount(long total, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        return Math.toIntExact((total + pageSize - 1) / pageSize);
    }
}

package dev.rigel.pagination;

import dev.rigel.exceptions.ClientException;
import java.util.List;

/**
 * Makes {@link OffsetPagination} pages from a source that can count its items and fetch a slice
 * (Litestar's {@code AbstractSyncOffsetPaginator}). Implement the two lookups; {@link #page} puts
 * them together.
 *
 * @param <T> the item type
 */
public abstract class OffsetPaginator<T> {

    /** How many items there are in all. */
    protected abstract long total();

    /** At most {@code limit} items, skipping the first {@code offset}. */
    protected abstract List<T> items(int limit, int offset);

    /**
     * The slice of at most {@code limit} items after the first {@code offset}.
     *
     * @throws ClientException (400) when {@code limit} or {@code offset} is negative
     */
    public final OffsetPagination<T> page(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new ClientException(
                    "limit and offset must not be negative, got limit=" + limit + ", offset=" + offset);
        }
        long total = total();
        return new OffsetPagination<>(items(limit, offset), limit, offset, total);
    }
}

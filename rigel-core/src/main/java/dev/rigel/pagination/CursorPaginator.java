package dev.rigel.pagination;

import dev.rigel.exceptions.ClientException;
import java.util.List;

/**
 * Makes {@link CursorPagination} batches from a source that can fetch the items after a key
 * (Litestar's {@code AbstractSyncCursorPaginator}). Implement {@link #items}, returning the batch
 * and the cursor for the next one; {@link #page} wraps them.
 *
 * @param <C> the key type
 * @param <T> the item type
 */
public abstract class CursorPaginator<C, T> {

    /** One batch as {@link #items} finds it: the items and the cursor after them (null: no more). */
    public record Batch<C, T>(List<T> items, C nextCursor) {}

    /**
     * At most {@code resultsPerPage} items after {@code cursor} (from the start when it is null),
     * with the cursor that asks for the batch after them.
     */
    protected abstract Batch<C, T> items(C cursor, int resultsPerPage);

    /**
     * The batch of at most {@code resultsPerPage} items after {@code cursor}.
     *
     * @throws ClientException (400) when {@code resultsPerPage} is below 1
     */
    public final CursorPagination<C, T> page(C cursor, int resultsPerPage) {
        if (resultsPerPage < 1) {
            throw new ClientException("resultsPerPage must be at least 1, got " + resultsPerPage);
        }
        Batch<C, T> batch = items(cursor, resultsPerPage);
        return new CursorPagination<>(batch.items(), resultsPerPage, batch.nextCursor());
    }
}

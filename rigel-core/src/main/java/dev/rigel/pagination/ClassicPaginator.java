package dev.rigel.pagination;

import dev.rigel.exceptions.ClientException;
import java.util.List;

/**
 * Makes {@link ClassicPagination} pages from a source that can count its pages and fetch one
 * (Litestar's {@code AbstractSyncClassicPaginator}; Rigel has one kind, since a handler on a
 * virtual thread may block). Implement the two lookups; {@link #page} puts them together:
 *
 * <pre>{@code
 * class UserPages extends ClassicPaginator<User> {
 *     protected int totalPages(int pageSize) { return ClassicPagination.pageCount(db.countUsers(), pageSize); }
 *     protected List<User> items(int pageSize, int currentPage) {
 *         return db.users((currentPage - 1) * pageSize, pageSize);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public abstract class ClassicPaginator<T> {

    /** How many pages of {@code pageSize} items there are. */
    protected abstract int totalPages(int pageSize);

    /** The items of page {@code currentPage} (from 1), at most {@code pageSize} of them. */
    protected abstract List<T> items(int pageSize, int currentPage);

    /**
     * Page {@code currentPage} of {@code pageSize} items.
     *
     * @throws ClientException (400) when {@code pageSize} or {@code currentPage} is below 1
     */
    public final ClassicPagination<T> page(int pageSize, int currentPage) {
        if (pageSize < 1 || currentPage < 1) {
            throw new ClientException(
                    "pageSize and currentPage start at 1, got pageSize=" + pageSize + ", currentPage=" + currentPage);
        }
        int total = totalPages(pageSize);
        return new ClassicPagination<>(items(pageSize, currentPage), pageSize, currentPage, total);
    }
}

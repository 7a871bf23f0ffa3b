/**
 * Pagination containers handlers return and DTOs shape, after Litestar's {@code litestar.pagination}:
 * {@link dev.rigel.pagination.OffsetPagination} (limit and offset), {@link
 * dev.rigel.pagination.ClassicPagination} (numbered pages) and {@link
 * dev.rigel.pagination.CursorPagination} (the batch after a key), with the paginators that build
 * each from two lookups ({@link dev.rigel.pagination.OffsetPaginator}, {@link
 * dev.rigel.pagination.ClassicPaginator}, {@link dev.rigel.pagination.CursorPaginator}).
 */
package dev.rigel.pagination;

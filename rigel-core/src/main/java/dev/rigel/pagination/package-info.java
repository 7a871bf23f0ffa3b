/**
 * Pagination containers handlers return and DTOs shape: {@link
 * dev.rigel.pagination.OffsetPagination}.
 */
package dev.rigel.pagination;

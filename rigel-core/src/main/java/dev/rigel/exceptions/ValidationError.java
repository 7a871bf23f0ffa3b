package dev.rigel.exceptions;

/**
 * One validation problem: which input ({@code key}, dotted for nested body fields), what is wrong
 * with it, and where it came from ({@code query}, {@code path}, {@code header}, {@code cookie} or
 * {@code body}).
 */
public record ValidationError(String key, String message, String source) {}

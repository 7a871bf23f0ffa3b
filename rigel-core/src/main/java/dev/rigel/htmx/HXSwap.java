package dev.rigel.htmx;

/** How htmx swaps a response into the page ({@code hx-swap}), for {@link HTMXResponse#reswap(HXSwap)}. */
public enum HXSwap {
    INNER_HTML("innerHTML"),
    OUTER_HTML("outerHTML"),
    TEXT_CONTENT("textContent"),
    BEFORE_BEGIN("beforebegin"),
    AFTER_BEGIN("afterbegin"),
    BEFORE_END("beforeend"),
    AFTER_END("afterend"),
    DELETE("delete"),
    NONE("none");

    private final String value;

    HXSwap(String value) {
        this.value = value;
    }

    /** The value as htmx spells it, e.g. {@code outerHTML}. */
    public String value() {
        return value;
    }
}

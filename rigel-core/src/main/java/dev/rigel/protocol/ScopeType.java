package dev.rigel.protocol;

/** The kind of exchange a {@link Scope} describes. */
public enum ScopeType {
    HTTP,
    WEBSOCKET;

    /** The lower-case name used in configuration ({@code "http"}, {@code "websocket"}). */
    public String label() {
        return this == HTTP ? "http" : "websocket";
    }
}

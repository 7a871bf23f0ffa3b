package dev.rigel.spi;

/** Keys of per-request scope state that Rigel's own modules share. */
public final class StateKeys {

    /** An exception no handler dealt with (answered with 500); test clients re-throw it. */
    public static final String UNHANDLED_EXCEPTION = "rigel.unhandled_exception";

    private StateKeys() {}
}

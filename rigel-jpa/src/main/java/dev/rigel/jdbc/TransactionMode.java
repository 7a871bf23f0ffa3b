package dev.rigel.jdbc;

import dev.rigel.di.Outcome;

/**
 * What happens to a request's transaction when the request is over (Litestar's
 * {@code before_send_handler} choices). Whatever the mode, a request whose handler failed with an
 * exception is rolled back, even if an exception handler answered it with a 2xx.
 */
public enum TransactionMode {

    /**
     * Litestar's default handler: the session is closed, and whatever the handler did not commit
     * itself is rolled back.
     */
    MANUAL,

    /** Commits when the response status is 2xx; rolls back otherwise. */
    AUTOCOMMIT,

    /** Commits when the response status is 2xx or 3xx; rolls back otherwise. */
    AUTOCOMMIT_INCLUDE_REDIRECTS;

    /** Whether a request that ended this way commits the work its handler left open. */
    public boolean commits(Outcome outcome) {
        if (outcome.failed()) {
            return false;
        }
        int status = outcome.status();
        return switch (this) {
            case MANUAL -> false;
            case AUTOCOMMIT -> status >= 200 && status < 300;
            case AUTOCOMMIT_INCLUDE_REDIRECTS -> status >= 200 && status < 400;
        };
    }
}

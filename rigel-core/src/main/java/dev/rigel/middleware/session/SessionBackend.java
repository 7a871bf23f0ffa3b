package dev.rigel.middleware.session;

import dev.rigel.protocol.Headers;
import java.util.Map;

/** Where sessions live: loads one from the request's cookies, and saves what changed. */
interface SessionBackend {

    /** The session the cookies point at; an empty one for missing, stale or tampered cookies. Never throws. */
    SessionState load(Map<String, String> cookies);

    /** Writes what the request changed, adding {@code Set-Cookie} fields to the response's headers. */
    void save(SessionState state, Headers responseHeaders);
}

package dev.rigel.middleware.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's session as loaded by a backend, with what the request did to it, so the backend
 * writes only what changed. The public {@code Session} is a view over this.
 */
final class SessionState {

    private final Map<String, Object> data;
    /** The id the session was loaded under (server-side), or null: none, unknown, or client-side. */
    private final String loadedId;
    /** Session cookies the request carried; cleared when the session ends up empty. */
    private final List<String> requestCookies;
    /** The stored session is more than half way to expiry, so it is written again with a new one. */
    private final boolean renewDue;

    private boolean modified;
    private boolean invalidated;
    private boolean regenerateId;

    public SessionState(Map<String, Object> data, String loadedId, List<String> requestCookies, boolean renewDue) {
        this.data = new LinkedHashMap<>(data);
        this.loadedId = loadedId;
        this.requestCookies = List.copyOf(requestCookies);
        this.renewDue = renewDue;
    }

    /** An empty session; {@code requestCookies} are the unusable session cookies the request sent. */
    public static SessionState empty(List<String> requestCookies) {
        return new SessionState(Map.of(), null, requestCookies, false);
    }

    public Map<String, Object> data() {
        return data;
    }

    public String loadedId() {
        return loadedId;
    }

    public List<String> requestCookies() {
        return requestCookies;
    }

    public boolean renewDue() {
        return renewDue;
    }

    public boolean modified() {
        return modified;
    }

    public boolean invalidated() {
        return invalidated;
    }

    public boolean regenerateId() {
        return regenerateId;
    }

    public void markModified() {
        modified = true;
    }

    /** Drops the data and, server-side, the id: what the request writes next starts a new session. */
    public void invalidate() {
        data.clear();
        invalidated = true;
        modified = true;
    }

    public void requestNewId() {
        regenerateId = true;
    }

    /** The JSON mapper every session uses, so values look the same before and after a round trip. */
    public static ObjectMapper mapper() {
        return SessionJson.MAPPER;
    }
}

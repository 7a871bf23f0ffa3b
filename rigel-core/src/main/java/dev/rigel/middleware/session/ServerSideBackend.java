package dev.rigel.middleware.session;

import dev.rigel.protocol.Headers;
import dev.rigel.stores.Store;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sessions in a {@link Store}, keyed by a random id that is all the cookie carries. An id the
 * store does not know is never adopted: a new session always gets a fresh id, so an attacker
 * cannot plant a known id in a victim's browser and wait for it to log in (session fixation), and
 * {@code invalidate()} or {@code regenerateId()} moves the data to a new id and deletes the old one.
 * Each request that finds its session extends its expiry in the store; the cookie, whose own
 * {@code Max-Age} cannot be extended without re-sending it, is re-sent once half its life is gone.
 */
final class ServerSideBackend implements SessionBackend {

    /** 192 random bits: 32 url-safe characters, well beyond guessing. */
    static final int ID_BYTES = 24;

    static final int ID_LENGTH = 32;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<Store> store;
    private final SessionCookies cookies;
    private final long maxAgeMillis;
    private final SecureRandom random = new SecureRandom();

    /** {@code store} is asked per request, so a restarted app's registry hands out its current store. */
    public ServerSideBackend(Supplier<Store> store, SessionCookies cookies) {
        this.store = store;
        this.cookies = cookies;
        this.maxAgeMillis = cookies.maxAge().toMillis();
    }

    @Override
    public SessionState load(Map<String, String> requestCookies) {
        String id = requestCookies.get(cookies.name());
        if (id == null) {
            return SessionState.empty(List.of());
        }
        List<String> present = List.of(cookies.name());
        if (!wellFormed(id)) {
            return SessionState.empty(present);
        }
        Optional<SessionJson.Stored> stored =
                store.get().get(id, cookies.maxAge()).flatMap(SessionJson::read);
        if (stored.isEmpty()) {
            return SessionState.empty(present);
        }
        boolean renewDue = System.currentTimeMillis() - stored.get().time() > maxAgeMillis / 2;
        return new SessionState(stored.get().data(), id, present, renewDue);
    }

    @Override
    public void save(SessionState state, Headers responseHeaders) {
        String oldId = state.loadedId();
        boolean newId = oldId == null || state.invalidated() || state.regenerateId();
        Store sessions = null;
        if (oldId != null && (newId || state.data().isEmpty())) {
            sessions = store.get();
            sessions.delete(oldId);
        }
        if (state.data().isEmpty()) {
            if (!state.requestCookies().isEmpty()) {
                cookies.clear(responseHeaders, cookies.name());
            }
            return;
        }
        if (!newId && !state.modified() && !state.renewDue()) {
            return;
        }
        String id = newId ? newId() : oldId;
        (sessions != null ? sessions : store.get())
                .set(id, SessionJson.write(System.currentTimeMillis(), state.data()), cookies.maxAge());
        if (newId || state.renewDue()) {
            cookies.set(responseHeaders, cookies.name(), id);
        }
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Only ids this backend could have made reach the store: no odd keys, no huge keys. */
    private static boolean wellFormed(String id) {
        if (id.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}

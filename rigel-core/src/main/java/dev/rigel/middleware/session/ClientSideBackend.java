package dev.rigel.middleware.session;

import dev.rigel.protocol.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in AES-GCM encrypted cookies. The payload ({@link SessionJson}) carries its own expiry,
 * so a cookie kept past its {@code Max-Age} (or replayed) is refused. A value longer than
 * {@link #CHUNK_SIZE} characters goes out as {@code name-0}, {@code name-1}, … (browsers keep
 * about 4 KB per cookie, name and attributes included); whatever the request sent that the new
 * value no longer uses is cleared, so a shrinking session leaves no stale chunk to be glued on.
 */
final class ClientSideBackend implements SessionBackend {

    /** Characters of encrypted value per cookie, leaving room for the name and attributes in 4 KB. */
    public static final int CHUNK_SIZE = 3800;
    /** More chunks than this are refused on read and on write: no browser keeps that much for a site. */
    public static final int MAX_CHUNKS = 16;

    private final AesGcmCodec codec;
    private final SessionCookies cookies;
    private final byte[] associatedData;
    private final long maxAgeMillis;

    public ClientSideBackend(byte[] key, SessionCookies cookies) {
        this.codec = new AesGcmCodec(key);
        this.cookies = cookies;
        this.associatedData = ("rigel-session:" + cookies.name()).getBytes(StandardCharsets.UTF_8);
        this.maxAgeMillis = cookies.maxAge().toMillis();
    }

    @Override
    public SessionState load(Map<String, String> requestCookies) {
        List<String> present = sessionCookieNames(requestCookies);
        if (present.isEmpty()) {
            return SessionState.empty(present);
        }
        String value = joined(requestCookies);
        if (value == null || value.isEmpty()) {
            return SessionState.empty(present);
        }
        long now = System.currentTimeMillis();
        Optional<SessionJson.Stored> stored =
                codec.decrypt(value, associatedData).flatMap(SessionJson::read);
        if (stored.isEmpty() || stored.get().time() <= now) {
            return SessionState.empty(present);
        }
        boolean renewDue = stored.get().time() - now < maxAgeMillis / 2;
        return new SessionState(stored.get().data(), null, present, renewDue);
    }

    @Override
    public void save(SessionState state, Headers responseHeaders) {
        List<String> present = state.requestCookies();
        if (state.data().isEmpty()) {
            // a cleared, invalidated, expired or unreadable session: expire every cookie of it
            present.forEach(name -> cookies.clear(responseHeaders, name));
            return;
        }
        if (!state.modified() && !state.renewDue() && !state.regenerateId()) {
            return;
        }
        byte[] json = SessionJson.write(System.currentTimeMillis() + maxAgeMillis, state.data());
        String value = codec.encrypt(json, associatedData);
        List<String> written = new ArrayList<>();
        if (value.length() <= CHUNK_SIZE) {
            cookies.set(responseHeaders, cookies.name(), value);
            written.add(cookies.name());
        } else {
            int count = (value.length() + CHUNK_SIZE - 1) / CHUNK_SIZE;
            if (count > MAX_CHUNKS) {
                throw new IllegalStateException("The session is too large for cookies (" + json.length
                        + " bytes of JSON); keep less in it, or use server-side sessions");
            }
            for (int i = 0; i < count; i++) {
                String chunkName = cookies.name() + "-" + i;
                cookies.set(
                        responseHeaders,
                        chunkName,
                        value.substring(i * CHUNK_SIZE, Math.min(value.length(), (i + 1) * CHUNK_SIZE)));
                written.add(chunkName);
            }
        }
        for (String name : present) {
            if (!written.contains(name)) {
                cookies.clear(responseHeaders, name);
            }
        }
    }

    /** The request's cookies that belong to the session: {@code name} and {@code name-<digits>}. */
    private List<String> sessionCookieNames(Map<String, String> requestCookies) {
        String name = cookies.name();
        List<String> names = new ArrayList<>(2);
        for (String cookie : requestCookies.keySet()) {
            if (cookie.equals(name)
                    || cookie.length() > name.length() + 1
                            && cookie.startsWith(name)
                            && cookie.charAt(name.length()) == '-'
                            && isDigits(cookie, name.length() + 1)) {
                names.add(cookie);
            }
        }
        return names;
    }

    /** The whole encrypted value: the single cookie, or the chunks in order; null when too large. */
    private String joined(Map<String, String> requestCookies) {
        String single = requestCookies.get(cookies.name());
        if (single != null) {
            return single.length() > CHUNK_SIZE * MAX_CHUNKS ? null : single;
        }
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < MAX_CHUNKS; i++) {
            String chunk = requestCookies.get(cookies.name() + "-" + i);
            if (chunk == null) {
                break;
            }
            if (value.length() + chunk.length() > CHUNK_SIZE * MAX_CHUNKS) {
                return null;
            }
            value.append(chunk);
        }
        return value.toString();
    }

    private static boolean isDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return from < text.length() && text.length() - from <= 3;
    }
}

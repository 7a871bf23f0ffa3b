package dev.rigel.flash;

import dev.rigel.http.Request;
import dev.rigel.middleware.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Flash messages (Litestar's {@code flash} and {@code get_flashes}): a message a handler leaves in
 * the session for the next page the user sees, typically before a redirect, which a template then
 * reads once.
 *
 * <pre>{@code
 * @Post("/profile")
 * public Redirect save(Request request, …) {
 *     Flash.add(request, "Profile saved", "success");
 *     return Redirect.to("/profile");
 * }
 * }</pre>
 *
 * and in a Pebble template {@code {% for m in get_flashes() %}<p class="{{ m.category }}">{{ m.message }}</p>{% endfor %}}
 * (other engines call {@link #take(Request)} on the context's {@code request}). Messages live in
 * the session under {@value #SESSION_KEY}, so they survive the redirect and need the app's
 * sessions; register {@link FlashPlugin} to have the app's build check that they are configured.
 */
public final class Flash {

    /** The session key holding the pending messages, as Litestar names it. */
    public static final String SESSION_KEY = "_messages";

    private Flash() {}

    /**
     * Adds a message to the request's session.
     *
     * @throws dev.rigel.exceptions.ImproperlyConfiguredException when the app has no sessions
     */
    public static void add(Request request, String message, String category) {
        add(Session.require(request.scope()), message, category);
    }

    /** Adds a message to {@code session}. */
    public static void add(Session session, String message, String category) {
        FlashMessage added = new FlashMessage(message, category);
        List<Object> pending = new ArrayList<>(stored(session));
        pending.add(Map.of("message", added.message(), "category", added.category()));
        session.put(SESSION_KEY, pending);
    }

    /** The pending messages, oldest first, left in place; empty without sessions. */
    public static List<FlashMessage> peek(Request request) {
        return Session.of(request).map(Flash::read).orElse(List.of());
    }

    /**
     * The pending messages, oldest first, removed from the session so they show once; empty
     * without sessions, so a shared layout may ask on every page.
     */
    public static List<FlashMessage> take(Request request) {
        Optional<Session> session = Session.of(request);
        if (session.isEmpty()) {
            return List.of();
        }
        List<FlashMessage> messages = read(session.get());
        if (!messages.isEmpty() || session.get().containsKey(SESSION_KEY)) {
            session.get().remove(SESSION_KEY);
        }
        return messages;
    }

    private static List<FlashMessage> read(Session session) {
        List<?> stored = stored(session);
        List<FlashMessage> messages = new ArrayList<>(stored.size());
        for (Object entry : stored) {
            // a session is client data (a cookie) or shared storage: keep only well-formed entries
            if (entry instanceof Map<?, ?> map
                    && map.get("message") instanceof String message
                    && map.get("category") instanceof String category) {
                messages.add(new FlashMessage(message, category));
            }
        }
        return List.copyOf(messages);
    }

    private static List<?> stored(Session session) {
        Objects.requireNonNull(session, "session");
        return session.get(SESSION_KEY).orElse(null) instanceof List<?> list ? list : List.of();
    }
}

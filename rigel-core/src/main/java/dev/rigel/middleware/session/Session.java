package dev.rigel.middleware.session;

import dev.rigel.di.ParameterSource;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Request;
import dev.rigel.protocol.Scope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The current request's session: a map of JSON values that outlives the request. Take it as a
 * handler or dependency parameter of type {@code Session}, or from {@code request.state()} under
 * {@value #STATE_KEY}; it exists when the app has {@code sessions(…)} configured.
 *
 * <pre>{@code
 * Route.post("/login", (Session session, Request request) -> {
 *     session.regenerateId();           // a new id for the logged-in session (no fixation)
 *     session.put("user_id", 42);
 *     return "welcome";
 * })
 * }</pre>
 *
 * Values are converted to their JSON form when put (records and beans become maps, numbers stay
 * numbers), so a value reads back the same in this request and in later ones; a value that cannot
 * be written as JSON fails at {@link #put}. {@link #get(String, Class)} converts back. Only a
 * session that changed is written (or one that is due for renewal). A session belongs to one
 * request and is not meant to be shared between threads.
 */
public final class Session {

    /** The {@code request.state()} / {@code scope.state()} key holding the session. */
    public static final String STATE_KEY = "session";

    private final SessionState state;

    Session(SessionState state) {
        this.state = state;
    }

    /** The session of this request, if the app has sessions configured. */
    public static Optional<Session> of(Request request) {
        return of(request.scope());
    }

    /** The session of this exchange, if the app has sessions configured. */
    public static Optional<Session> of(Scope scope) {
        return scope.state().get(STATE_KEY) instanceof Session session ? Optional.of(session) : Optional.empty();
    }

    /** The session of this exchange; fails, naming the missing setting, when sessions are not configured. */
    public static Session require(Scope scope) {
        return of(scope)
                .orElseThrow(() -> new ImproperlyConfiguredException("A Session was asked for on "
                        + scope.method() + " " + scope.path() + ", but the app has no sessions: configure"
                        + " App.builder().sessions(ClientSideSessionConfig…) or sessions(ServerSideSessionConfig…)"));
    }

    /**
     * Supplies handler and provider parameters of type {@code Session}; the app registers it by
     * default. Asking for a session on an app without sessions fails that request with an
     * {@link ImproperlyConfiguredException} saying how to configure them: a route can get its
     * session middleware from any layer, so startup cannot tell.
     */
    public static ParameterSource parameterSource() {
        return PARAMETERS;
    }

    private static final ParameterSource PARAMETERS =
            parameter -> parameter.rawType() == Session.class ? request -> require(request.scope()) : null;

    /** The value under {@code key} in its JSON form (String, Number, Boolean, List, Map). */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(state.data().get(key));
    }

    /** The value under {@code key} converted to {@code type}; fails if it does not convert. */
    public <T> Optional<T> get(String key, Class<T> type) {
        Object value = state.data().get(key);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(
                type.isInstance(value)
                        ? type.cast(value)
                        : SessionState.mapper().convertValue(value, type));
    }

    /** Stores {@code value} (not null) under {@code key}, in its JSON form. */
    public Session put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "session value for '" + key + "' is null; use remove(key)");
        Object json = SessionState.mapper().convertValue(value, Object.class);
        if (!Objects.equals(state.data().put(key, json), json)) {
            state.markModified();
        }
        return this;
    }

    /** Removes {@code key}, returning what it held. */
    public Optional<Object> remove(String key) {
        Object removed = state.data().remove(key);
        if (removed != null) {
            state.markModified();
        }
        return Optional.ofNullable(removed);
    }

    /** Removes every value; an empty session's cookie (and stored data) is deleted. */
    public void clear() {
        if (!state.data().isEmpty()) {
            state.data().clear();
            state.markModified();
        }
    }

    /**
     * Ends the session: its data goes, its cookies are cleared, and server-side its stored data
     * is deleted. Values put afterwards start a new session, server-side under a new id.
     */
    public void invalidate() {
        state.invalidate();
    }

    /**
     * Keeps the data but moves it to a new session id (server-side; client-side the cookie is
     * simply re-encrypted). Call it when privileges change, e.g. at login, so an id someone
     * learned before is worthless afterwards.
     */
    public void regenerateId() {
        state.requestNewId();
    }

    public boolean isEmpty() {
        return state.data().isEmpty();
    }

    public boolean containsKey(String key) {
        return state.data().containsKey(key);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(state.data().keySet());
    }

    /** A copy of the session's values. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(state.data()));
    }

    @Override
    public String toString() {
        return "Session" + state.data().keySet();
    }
}

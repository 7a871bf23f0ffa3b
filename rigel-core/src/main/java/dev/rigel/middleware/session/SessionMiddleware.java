package dev.rigel.middleware.session;

import dev.rigel.internal.text.CookieParser;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.stores.StoreRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Loads the request's {@link Session} before the handler runs and saves what changed when the
 * response starts, adding its {@code Set-Cookie} fields to that response. Saving at the response
 * start, not after the body, means a client that got the response finds the session stored on its
 * next request. Usually switched on with {@code App.builder().sessions(…)}, which runs it for
 * every request, before CSRF and the app's own middleware.
 */
public final class SessionMiddleware extends AbstractMiddleware {

    private final SessionBackend backend;
    private final String description;
    /** Where the sessions live decides whether loading one may wait on I/O; null means in the cookie. */
    private final Supplier<dev.rigel.stores.Store> store;

    /** Client-side sessions: encrypted cookies. */
    public SessionMiddleware(ClientSideSessionConfig config) {
        Objects.requireNonNull(config, "config");
        this.backend = new ClientSideBackend(
                config.secretKey(),
                new SessionCookies(
                        config.cookieName(),
                        config.maxAge(),
                        config.path(),
                        config.domain(),
                        config.secure(),
                        config.httpOnly(),
                        config.sameSite()));
        this.description = "client-side, cookie " + config.cookieName();
        this.store = null;
    }

    /** Server-side sessions in the store named by the config, from the registry {@code stores} gives. */
    public SessionMiddleware(ServerSideSessionConfig config, Supplier<StoreRegistry> stores) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stores, "stores");
        String storeName = config.storeName();
        this.backend = new ServerSideBackend(
                () -> stores.get().get(storeName),
                new SessionCookies(
                        config.cookieName(),
                        config.maxAge(),
                        config.path(),
                        config.domain(),
                        config.secure(),
                        config.httpOnly(),
                        config.sameSite()));
        this.description = "server-side, store " + storeName + ", cookie " + config.cookieName();
        this.store = () -> stores.get().get(storeName);
    }

    /** Cookie sessions and in-memory stores never wait; a file or network store may. */
    @Override
    public boolean mayBlock() {
        return store != null && !(store.get() instanceof dev.rigel.stores.MemoryStore);
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        SessionState state = backend.load(CookieParser.parse(scope.headers().getAll("cookie")));
        scope.state().put(Session.STATE_KEY, new Session(state));
        next.call(scope, receive, message -> {
            if (message instanceof Message.ResponseStart start) {
                backend.save(state, start.headers());
            }
            send.send(message);
        });
    }

    /**
     * Replaces the session of a client that holds {@code clientCookies} (name to value) with one
     * holding exactly {@code data}, written as a request that stored it would be (encrypted into
     * the cookie client-side; saved in the store under a new id server-side, the old one deleted),
     * and returns the {@code Set-Cookie} values the client must apply: the new session's cookies,
     * and expired ones for cookies it no longer uses (all of them when {@code data} is empty).
     * Values are kept in their JSON form, as {@link Session#put} keeps them. For tests that start
     * logged in (Litestar's {@code TestClient.set_session_data}).
     */
    public List<String> storeSession(Map<String, String> clientCookies, Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        SessionState state = backend.load(clientCookies);
        Session session = new Session(state);
        session.clear();
        data.forEach(session::put);
        state.markModified();
        state.requestNewId();
        Headers headers = new Headers();
        backend.save(state, headers);
        return headers.getAll("set-cookie");
    }

    /**
     * The data of the session that {@code clientCookies} (name to value, as a client holds them)
     * point at; empty for no session, or a missing, expired or tampered one. For tests that read
     * what a handler stored (Litestar's {@code TestClient.get_session_data}).
     */
    public Map<String, Object> loadSession(Map<String, String> clientCookies) {
        return Collections.unmodifiableMap(
                new LinkedHashMap<>(backend.load(clientCookies).data()));
    }

    @Override
    public String toString() {
        return "SessionMiddleware[" + description + "]";
    }
}

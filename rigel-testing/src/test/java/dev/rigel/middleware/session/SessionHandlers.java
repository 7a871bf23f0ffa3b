package dev.rigel.middleware.session;

import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.http.Request;
import java.util.Map;

/** Routes that read and change the session, shared by the session tests. */
public class SessionHandlers {

    /** A value that is not a JSON type until it is put. */
    public record Profile(String name, int level) {}

    @Get("/session")
    public Map<String, Object> read(Session session) {
        return session.asMap();
    }

    @Post("/session")
    public Map<String, Object> put(Session session, Map<String, Object> data) {
        data.forEach(session::put);
        return session.asMap();
    }

    @Post("/session/remove")
    public Map<String, Object> remove(Session session, String key) {
        session.remove(key);
        return session.asMap();
    }

    @Post("/session/clear")
    public void clear(Session session) {
        session.clear();
    }

    @Post("/session/invalidate")
    public void invalidate(Session session) {
        session.invalidate();
    }

    @Post("/session/relogin")
    public void relogin(Session session) {
        session.invalidate();
        session.put("user", "grace");
    }

    @Post("/session/regenerate")
    public void regenerate(Session session) {
        session.regenerateId();
    }

    @Post("/session/profile")
    public String profile(Session session) {
        session.put("profile", new Profile("Ada", 3));
        return session.get("profile", Profile.class).orElseThrow().name();
    }

    @Get("/session/profile")
    public Profile readProfile(Session session) {
        return session.get("profile", Profile.class).orElse(null);
    }

    @Get("/session/from-state")
    public boolean fromState(Request request) {
        return request.state().get(Session.STATE_KEY) instanceof Session
                && Session.of(request).isPresent();
    }
}

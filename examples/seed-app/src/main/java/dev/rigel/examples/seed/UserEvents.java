package dev.rigel.examples.seed;

import dev.rigel.events.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listeners for user events; they run off the request thread, after the client got its answer. */
public final class UserEvents {

    /** Event id emitted by {@link UserController#create} with the new {@link User}. */
    public static final String USER_CREATED = "user_created";

    private static final Logger LOG = LoggerFactory.getLogger("seed.events");

    @Listener(USER_CREATED)
    void logCreated(User user) {
        LOG.atInfo()
                .setMessage("User created")
                .addKeyValue("user_id", user.id())
                .addKeyValue("email", user.email())
                .log();
    }
}

package dev.rigel.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs when one of the named events is emitted (Litestar's {@code @listener}).
 * Register the object (or its class) with {@code App.Builder.listeners(…)}.
 *
 * <pre>{@code
 * final class UserListeners {
 *     @Listener("user_created")
 *     void welcome(User user) { mailer.sendWelcome(user); }
 * }
 * App.builder().listeners(new UserListeners())…
 * app.emit("user_created", user);
 * }</pre>
 *
 * The emitted arguments are matched to the method's parameters by position: the count must match
 * (a trailing varargs parameter takes the rest) and each argument must be an instance of its
 * parameter's type (null for any non-primitive). A mismatch is logged as the listener's failure.
 * See {@link EventEmitter} for when and where listeners run.
 *
 * <p>(Annotation types cannot hold factory methods, so the lambda form is
 * {@link EventListener#of}.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Listener {

    /** The event ids this method listens to; at least one. */
    String[] value();
}

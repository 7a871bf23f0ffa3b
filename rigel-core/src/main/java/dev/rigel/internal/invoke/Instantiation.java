package dev.rigel.internal.invoke;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.lang.reflect.Constructor;

/** Makes instances of classes the app names by type (handlers, guards, middleware, DTOs, key builders). */
public final class Instantiation {

    private Instantiation() {}

    /** A new {@code type} through its no-argument constructor; the build fails naming {@code usedBy} if there is none. */
    public static <T> T create(Class<T> type, String usedBy) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ImproperlyConfiguredException(usedBy + ": " + type.getName()
                    + " needs a no-argument constructor (or pass an instance instead of the class)");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ImproperlyConfiguredException(usedBy + ": cannot create " + type.getName() + ": " + cause, cause);
        }
    }
}

package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.events.EventEmitter;
import dev.rigel.exceptions.NotFoundException;
import java.time.Duration;
import java.util.List;

/** {@code /api/v1/users}: list, read, create, update and delete users. */
public final class UserController extends Controller {

    private static final Duration CACHE_FOR = Duration.ofSeconds(300);

    public UserController() {
        super("/users");
        layer().tags("users");
    }

    @Get
    public List<UserView> list(Database db) {
        return db.users().stream().map(UserView::of).toList();
    }

    @Get("/{user_id:int}")
    public UserView get(long userId, Database db, UserCache cache) {
        String key = "user:" + userId;
        return cache.get(key, UserView.class).orElseGet(() -> {
            UserView user = UserView.of(find(db, userId));
            cache.set(key, user, CACHE_FOR);
            return user;
        });
    }

    @Post
    public UserView create(UserCreate data, Database db, EventEmitter events) {
        UserView user = UserView.of(db.addUser(data.name(), data.email(), PasswordHasher.hash(data.password())));
        events.emit(UserEvents.USER_CREATED, user);
        return user;
    }

    @Patch("/{user_id:int}")
    public UserView update(long userId, UserPatch data, Database db, UserCache cache) {
        User user = find(db, userId);
        if (data.name() != null) {
            user = user.withName(data.name());
        }
        if (data.email() != null) {
            user = user.withEmail(data.email());
        }
        cache.delete("user:" + userId);
        return UserView.of(db.saveUser(user));
    }

    @Delete("/{user_id:int}")
    public void delete(long userId, Database db, UserCache cache) {
        if (!db.deleteUser(userId)) {
            throw notFound(userId);
        }
        cache.delete("user:" + userId);
    }

    static User find(Database db, long userId) {
        return db.user(userId).orElseThrow(() -> notFound(userId));
    }

    private static NotFoundException notFound(long userId) {
        return new NotFoundException("User " + userId + " not found");
    }
}

package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.events.EventEmitter;
import dev.rigel.annotation.Put;
import dev.rigel.dto.DTOData;
import dev.rigel.exceptions.NotFoundException;
import java.time.Duration;
import java.util.List;

/**
 * {@code /api/v1/users}: list, read, create, replace, update and delete users. Every response goes
 * through {@link UserDTOs.Read}, set once on this controller's layer, so handlers return the
 * stored {@link User} and its secrets never leave.
 */
public final class UserController extends Controller {

    private static final Duration CACHE_FOR = Duration.ofSeconds(300);

    public UserController() {
        super("/users");
        layer().tags("users").returnDto(UserDTOs.Read.class);
    }

    @Get
    public List<User> list(Database db) {
        return db.users();
    }

    @Get("/{user_id:int}")
    public User get(long userId, Database db, UserCache cache) throws NotFoundException {
        String key = "user:" + userId;
        return cache.get(key, User.class).orElseGet(() -> {
            User user = find(db, userId);
            cache.set(key, user, CACHE_FOR);
            return user;
        });
    }

    /**
     * Takes a {@link UserCreate}, not a DTO over {@link User}: the client sends a password, which
     * is no field of the model (only its hash is), so no view of the model can carry it.
     */
    @Post
    public User create(UserCreate data, Database db, EventEmitter events) {
        User user = db.addUser(data.name(), data.email(), PasswordHasher.hash(data.password()));
        events.emit(UserEvents.USER_CREATED, user);
        return user;
    }

    @Put(value = "/{user_id:int}", dto = UserDTOs.Write.class)
    public User replace(long userId, DTOData<User> data, Database db, UserCache cache) throws NotFoundException {
        return save(data.updateInstance(find(db, userId)), db, cache);
    }

    @Patch(value = "/{user_id:int}", dto = UserDTOs.Patch.class)
    public User update(long userId, DTOData<User> data, Database db, UserCache cache) throws NotFoundException {
        return save(data.updateInstance(find(db, userId)), db, cache);
    }

    @Delete("/{user_id:int}")
    public void delete(long userId, Database db, UserCache cache) throws NotFoundException {
        if (!db.deleteUser(userId)) {
            throw notFound(userId);
        }
        cache.delete("user:" + userId);
    }

    private static User save(User user, Database db, UserCache cache) {
        cache.delete("user:" + user.id());
        return db.saveUser(user);
    }

    static User find(Database db, long userId) {
        return db.user(userId).orElseThrow(() -> notFound(userId));
    }

    private static NotFoundException notFound(long userId) {
        return new NotFoundException("User " + userId + " not found");
    }
}

package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.dto.DTOData;
import dev.rigel.events.EventEmitter;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.jpa.Filter;
import dev.rigel.jpa.Repository;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * {@code /api/v1/users}: list, read, create, replace, update and delete users. Every response goes
 * through {@link UserDTOs.Read}, set once on this controller's layer, so handlers return the
 * stored {@link User} and its secrets never leave. {@code db} is the request's JPA session; the
 * session commits when the response is a 2xx.
 */
public final class UserController extends Controller {

    public UserController() {
        super("/users");
        layer().tags("users").returnDto(UserDTOs.Read.class);
    }

    @Get
    public List<User> list(EntityManager db) {
        return users(db).list(Filter.asc("id"));
    }

    @Get("/{user_id:int}")
    public User get(long userId, EntityManager db, UserCache cache) throws NotFoundException {
        return cache.get(userId).orElseGet(() -> {
            User user = users(db).get(userId); // 404 "User 42 not found"
            cache.put(user);
            return user;
        });
    }

    /**
     * Takes a {@link UserCreate}, not a DTO over {@link User}: the client sends a password, which
     * is no field of the model (only its hash is), so no view of the model can carry it.
     */
    @Post
    public User create(UserCreate data, EntityManager db, EventEmitter events) {
        User user = users(db).add(new User(data.name(), data.email(), PasswordHasher.hash(data.password())));
        events.emit(UserEvents.USER_CREATED, user);
        return user;
    }

    @Put(value = "/{user_id:int}", dto = UserDTOs.Write.class)
    public User replace(long userId, DTOData<User> data, EntityManager db, UserCache cache) throws NotFoundException {
        return save(data.updateInstance(users(db).get(userId)), db, cache);
    }

    @Patch(value = "/{user_id:int}", dto = UserDTOs.Patch.class)
    public User update(long userId, DTOData<User> data, EntityManager db, UserCache cache) throws NotFoundException {
        return save(data.updateInstance(users(db).get(userId)), db, cache);
    }

    @Delete("/{user_id:int}")
    public void delete(long userId, EntityManager db, UserCache cache) throws NotFoundException {
        users(db).delete(userId);
        cache.delete(userId);
    }

    private static User save(User user, EntityManager db, UserCache cache) {
        cache.delete(user.id());
        return users(db).update(user);
    }

    static Repository<User, Long> users(EntityManager db) {
        return Repository.of(db, User.class);
    }
}

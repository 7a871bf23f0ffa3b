package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Doc;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Operation;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.dto.DTOData;
import dev.rigel.events.EventEmitter;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.jpa.Filter;
import dev.rigel.jpa.Repository;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * {@code /api/v1/users}: list, read, create, replace, update and delete users. Every response goes
 * through {@link UserDTOs.Read}, set once on this controller's layer, so handlers return the
 * stored {@link User} and its secrets never leave. {@code db} is the request's JPA session; the
 * session commits when the response is a 2xx. Listing, creating and deleting users is the admin's;
 * a user reads and changes their own account only.
 */
public final class UserController extends Controller {

    public UserController() {
        super("/users");
        layer().tags("users").returnDto(UserDTOs.Read.class);
    }

    /** Every user: the admin only (a user's email is nobody else's business). */
    @Get
    public List<User> list(Caller user, EntityManager db) throws PermissionDeniedException {
        requireAdmin(user);
        return users(db).list(Filter.asc("id"));
    }

    @Get("/{user_id:int}")
    public User get(
            @Doc(description = "The user's id", examples = "1") long userId,
            Caller user,
            EntityManager db,
            UserCache cache)
            throws NotFoundException, PermissionDeniedException {
        requireSelfOrAdmin(user, userId);
        return cache.get(userId).orElseGet(() -> {
            User found = users(db).get(userId); // 404 "User 42 not found"
            cache.put(found);
            return found;
        });
    }

    /**
     * Takes a {@link UserCreate}, not a DTO over {@link User}: the client sends a password, which
     * is no field of the model (only its hash is), so no view of the model can carry it.
     */
    @Post
    @Operation(
            requestExample =
                    "{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\", \"password\": \"correct-horse\"}",
            responseExample = "{\"id\": 1, \"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\","
                    + " \"created_at\": \"2024-05-01T09:30:00Z\"}")
    public User create(UserCreate data, Caller user, EntityManager db, EventEmitter events)
            throws PermissionDeniedException {
        requireAdmin(user);
        User created = users(db).add(new User(data.name(), data.email(), PasswordHasher.hash(data.password())));
        events.emit(UserEvents.USER_CREATED, created);
        return created;
    }

    @Put(value = "/{user_id:int}", dto = UserDTOs.Write.class)
    public User replace(long userId, DTOData<User> data, Caller user, EntityManager db, UserCache cache)
            throws NotFoundException, PermissionDeniedException {
        requireSelfOrAdmin(user, userId);
        return save(data.updateInstance(users(db).get(userId)), db, cache);
    }

    @Patch(value = "/{user_id:int}", dto = UserDTOs.Patch.class)
    public User update(long userId, DTOData<User> data, Caller user, EntityManager db, UserCache cache)
            throws NotFoundException, PermissionDeniedException {
        requireSelfOrAdmin(user, userId);
        return save(data.updateInstance(users(db).get(userId)), db, cache);
    }

    @Delete("/{user_id:int}")
    public void delete(long userId, Caller user, EntityManager db, UserCache cache)
            throws NotFoundException, PermissionDeniedException {
        requireAdmin(user);
        users(db).delete(userId);
        cache.delete(userId);
    }

    private static User save(User user, EntityManager db, UserCache cache) {
        cache.delete(user.id());
        return users(db).update(user);
    }

    private static void requireAdmin(Caller user) {
        if (!user.admin()) {
            throw new PermissionDeniedException("Only the admin may do this");
        }
    }

    private static void requireSelfOrAdmin(Caller user, long userId) {
        if (!user.mayAccess(userId)) {
            throw new PermissionDeniedException("You may see and change only your own account");
        }
    }

    static Repository<User, Long> users(EntityManager db) {
        return Repository.of(db, User.class);
    }
}

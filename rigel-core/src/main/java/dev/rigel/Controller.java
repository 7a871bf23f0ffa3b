package dev.rigel;

/**
 * A class of related handlers under one path, as in Litestar. Annotate methods with
 * {@link dev.rigel.annotation.Get @Get}, {@link dev.rigel.annotation.Post @Post}, …; configure
 * the controller layer in the constructor through {@link #layer()}:
 *
 * <pre>{@code
 * public class UserController extends Controller {
 *     public UserController() {
 *         super("/users");
 *         layer().tags("users").dependency("audit", Provide.of(AuditLog.class));
 *     }
 *
 *     @Get("/{user_id:int}")
 *     public User get(int userId, UserRepository db) { return db.get(userId); }
 * }
 * }</pre>
 *
 * A controller passed as a class is instantiated once through its no-argument constructor.
 */
public abstract class Controller {

    private final String path;
    private final Layer layer;

    protected Controller(String path) {
        this.path = path == null ? "/" : path;
        this.layer = new Layer("controller " + getClass().getSimpleName());
    }

    public final String path() {
        return path;
    }

    /** This controller's layer settings: dependencies, guards, middleware, tags, … */
    public final Layer layer() {
        return layer;
    }

    /** The settings of a controller layer. */
    public static final class Layer extends LayerBuilder<Layer> {
        private Layer(String description) {
            super(description);
        }
    }
}

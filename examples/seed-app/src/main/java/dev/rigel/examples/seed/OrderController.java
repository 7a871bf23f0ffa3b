package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import java.util.List;

/** {@code /api/v1/orders}: list, read and place orders. */
public final class OrderController extends Controller {

    public OrderController() {
        super("/orders");
        layer().tags("orders");
    }

    @Get
    public List<Order> list(Database db) {
        return db.orders();
    }

    @Get("/{order_id:int}")
    public Order get(long orderId, Database db) {
        return db.order(orderId).orElseThrow(() -> new NotFoundException("Order " + orderId + " not found"));
    }

    @Post
    public Order create(OrderCreate data, Database db) {
        if (db.user(data.userId()).isEmpty()) {
            throw new ValidationException("Order refers to user " + data.userId() + ", who does not exist",
                    List.of(new ValidationError("user_id", "no user with id " + data.userId(), "body")));
        }
        return db.addOrder(data.userId(), data.item(), data.quantity(), data.total());
    }
}

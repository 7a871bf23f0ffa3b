package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Doc;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.dto.DTOData;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.jpa.Filter;
import dev.rigel.jpa.Repository;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * {@code /api/v1/orders}: list, read, place and change orders, all answered through {@link
 * OrderDTOs.Read}. A user sees and changes only their own orders (another's is a 403); the admin
 * sees and changes all.
 */
public final class OrderController extends Controller {

    public OrderController() {
        super("/orders");
        layer().tags("orders").returnDto(OrderDTOs.Read.class);
    }

    /** Every order for the admin; a user's own orders for a user. */
    @Get
    public List<Order> list(Caller user, EntityManager db) {
        return user.admin()
                ? orders(db).list(Filter.asc("id"))
                : orders(db).list(Filter.eq("userId", user.userId()), Filter.asc("id"));
    }

    @Get("/{order_id:int}")
    public Order get(@Doc(description = "The order's id", examples = "1") long orderId, Caller user, EntityManager db)
            throws NotFoundException {
        return owned(orders(db).get(orderId), user); // 404 "Order 42 not found"
    }

    @Post(dto = OrderDTOs.Write.class)
    public Order create(DTOData<Order> data, Caller user, EntityManager db) {
        Order order = data.create();
        if (!user.mayAccess(order.userId())) {
            throw new PermissionDeniedException("You may place orders only for yourself");
        }
        if (db.find(User.class, order.userId()) == null) {
            throw new ValidationException(
                    "Order refers to user " + order.userId() + ", who does not exist",
                    List.of(new ValidationError("user_id", "no user with id " + order.userId(), "body")));
        }
        return orders(db).add(order);
    }

    @Patch(value = "/{order_id:int}", dto = OrderDTOs.Patch.class)
    public Order update(long orderId, DTOData<Order> data, Caller user, EntityManager db) throws NotFoundException {
        return orders(db).update(data.updateInstance(owned(orders(db).get(orderId), user)));
    }

    /** {@code order}, if {@code user} may see it; another user's order is a 403. */
    private static Order owned(Order order, Caller user) {
        if (!user.mayAccess(order.userId())) {
            throw new PermissionDeniedException("This order belongs to another user");
        }
        return order;
    }

    private static Repository<Order, Long> orders(EntityManager db) {
        return Repository.of(db, Order.class);
    }
}

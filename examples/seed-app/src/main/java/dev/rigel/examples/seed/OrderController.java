package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.dto.DTOData;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.jpa.Filter;
import dev.rigel.jpa.Repository;
import jakarta.persistence.EntityManager;
import java.util.List;

/** {@code /api/v1/orders}: list, read, place and change orders, all answered through {@link OrderDTOs.Read}. */
public final class OrderController extends Controller {

    public OrderController() {
        super("/orders");
        layer().tags("orders").returnDto(OrderDTOs.Read.class);
    }

    @Get
    public List<Order> list(EntityManager db) {
        return orders(db).list(Filter.asc("id"));
    }

    @Get("/{order_id:int}")
    public Order get(long orderId, EntityManager db) throws NotFoundException {
        return orders(db).get(orderId); // 404 "Order 42 not found"
    }

    @Post(dto = OrderDTOs.Write.class)
    public Order create(DTOData<Order> data, EntityManager db) {
        Order order = data.create();
        if (db.find(User.class, order.userId()) == null) {
            throw new ValidationException(
                    "Order refers to user " + order.userId() + ", who does not exist",
                    List.of(new ValidationError("user_id", "no user with id " + order.userId(), "body")));
        }
        return orders(db).add(order);
    }

    @Patch(value = "/{order_id:int}", dto = OrderDTOs.Patch.class)
    public Order update(long orderId, DTOData<Order> data, EntityManager db) throws NotFoundException {
        return orders(db).update(data.updateInstance(orders(db).get(orderId)));
    }

    private static Repository<Order, Long> orders(EntityManager db) {
        return Repository.of(db, Order.class);
    }
}

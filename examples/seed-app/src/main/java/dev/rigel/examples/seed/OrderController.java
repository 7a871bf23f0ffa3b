package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.dto.DTOData;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/orders}: list, read, place and change orders, all answered through {@link OrderDTOs.Read}. */
public final class OrderController extends Controller {

    public OrderController() {
        super("/orders");
        layer().tags("orders").returnDto(OrderDTOs.Read.class);
    }

    @Get
    public List<Order> list(Database db) {
        return db.orders();
    }

    @Get("/{order_id:int}")
    public Order get(long orderId, Database db) throws NotFoundException {
        return find(db, orderId);
    }

    @Post(dto = OrderDTOs.Write.class)
    public Order create(DTOData<Order> data, Database db) {
        Order order = data.create(Map.of("id", db.nextOrderId(), "createdAt", Instant.now(), "internalNotes", ""));
        if (db.user(order.userId()).isEmpty()) {
            throw new ValidationException("Order refers to user " + order.userId() + ", who does not exist",
                    List.of(new ValidationError("user_id", "no user with id " + order.userId(), "body")));
        }
        return db.saveOrder(order);
    }

    @Patch(value = "/{order_id:int}", dto = OrderDTOs.Patch.class)
    public Order update(long orderId, DTOData<Order> data, Database db) throws NotFoundException {
        return db.saveOrder(data.updateInstance(find(db, orderId)));
    }

    private static Order find(Database db, long orderId) {
        return db.order(orderId).orElseThrow(() -> new NotFoundException("Order " + orderId + " not found"));
    }
}

package dev.rigel.examples.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's storage: users and orders in memory, behind the {@code db} dependency. The SQL issue
 * replaces it with JPA; handlers only see this small interface of operations.
 */
public final class Database {

    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong userIds = new AtomicLong();
    private final AtomicLong orderIds = new AtomicLong();

    /** A database holding the seed's sample users and one order. */
    public static Database seeded() {
        Database db = new Database();
        User ada = db.addUser("Ada Lovelace", "ada@example.com", PasswordHasher.hash("analytical-engine"));
        db.addUser("Alan Turing", "alan@example.com", PasswordHasher.hash("enigma-machine"));
        db.addUser("Grace Hopper", "grace@example.com", PasswordHasher.hash("compiler-first"));
        db.addOrder(ada.id(), "Difference Engine manual", 1, new BigDecimal("42.00"));
        return db;
    }

    public List<User> users() {
        List<User> all = new ArrayList<>(users.values());
        all.sort(Comparator.comparingLong(User::id));
        return all;
    }

    public Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    public User addUser(String name, String email, String passwordHash) {
        long id = userIds.incrementAndGet();
        User user = new User(id, name, email, passwordHash, Instant.now(), "");
        users.put(id, user);
        return user;
    }

    public User saveUser(User user) {
        users.put(user.id(), user);
        return user;
    }

    public boolean deleteUser(long id) {
        return users.remove(id) != null;
    }

    public List<Order> orders() {
        List<Order> all = new ArrayList<>(orders.values());
        all.sort(Comparator.comparingLong(Order::id));
        return all;
    }

    public Optional<Order> order(long id) {
        return Optional.ofNullable(orders.get(id));
    }

    public Order addOrder(long userId, String item, int quantity, BigDecimal total) {
        return saveOrder(new Order(nextOrderId(), userId, item, quantity, total, Instant.now(), ""));
    }

    /** A fresh order id, for an order made elsewhere and then saved. */
    public long nextOrderId() {
        return orderIds.incrementAndGet();
    }

    public Order saveOrder(Order order) {
        orders.put(order.id(), order);
        return order;
    }
}

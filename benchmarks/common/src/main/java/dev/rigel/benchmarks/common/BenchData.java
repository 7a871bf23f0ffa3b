package dev.rigel.benchmarks.common;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed app's three users, held in memory the way the seed's {@code Database} holds them. Every
 * contender serves exactly this data, so response bodies are byte-for-byte comparable.
 */
public final class BenchData {

    public static final String TOKEN = "Bearer dev-token";

    private final Map<Long, BenchUser> users = new ConcurrentHashMap<>();

    public BenchData() {
        add(new BenchUser(1, "Ada Lovelace", "ada@example.com", "2026-01-01T00:00:00Z"));
        add(new BenchUser(2, "Alan Turing", "alan@example.com", "2026-01-01T00:00:01Z"));
        add(new BenchUser(3, "Grace Hopper", "grace@example.com", "2026-01-01T00:00:02Z"));
    }

    private void add(BenchUser user) {
        users.put(user.id(), user);
    }

    /** All users ordered by id, a fresh list per call like the seed's {@code db.users()}. */
    public List<BenchUser> users() {
        return users.values().stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
    }

    public BenchUser user(long id) {
        return users.get(id);
    }
}

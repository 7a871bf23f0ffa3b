package dev.rigel.benchmarks.db;

import dev.rigel.benchmarks.common.Fortune;
import dev.rigel.benchmarks.common.TechEmpower;
import dev.rigel.benchmarks.common.World;
import dev.rigel.response.Template;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TechEmpower's database tests on {@code JpaPlugin}: Hibernate entities through the request's
 * {@code dbSession}, each row read with {@code find}; updates are flushed as one JDBC batch in id
 * order when the plugin commits the request's transaction (after a 2xx).
 */
public final class JpaHandlers {

    public World db(EntityManager dbSession) {
        return view(dbSession.find(WorldEntity.class, TechEmpower.randomId()));
    }

    public World[] queries(Optional<String> queries, EntityManager dbSession) {
        World[] worlds = new World[TechEmpower.queries(queries.orElse(null))];
        for (int i = 0; i < worlds.length; i++) {
            worlds[i] = view(dbSession.find(WorldEntity.class, TechEmpower.randomId()));
        }
        return worlds;
    }

    public World[] updates(Optional<String> queries, EntityManager dbSession) {
        org.hibernate.Session hibernate = dbSession.unwrap(org.hibernate.Session.class);
        World[] worlds = new World[TechEmpower.queries(queries.orElse(null))];
        for (int i = 0; i < worlds.length; i++) {
            WorldEntity world = dbSession.find(WorldEntity.class, TechEmpower.randomId());
            // TechEmpower's updates are GETs, whose sessions are read-only: mark what changes as modifiable
            hibernate.setReadOnly(world, false);
            world.setRandomNumber(TechEmpower.newRandomNumber(world.getRandomNumber()));
            worlds[i] = view(world);
        }
        return worlds;
    }

    public Template fortunes(EntityManager dbSession) {
        List<Fortune> fortunes = new ArrayList<>(16);
        for (FortuneEntity fortune : dbSession
                .createQuery("SELECT f FROM FortuneEntity f", FortuneEntity.class)
                .getResultList()) {
            fortunes.add(new Fortune(fortune.getId(), fortune.getMessage()));
        }
        fortunes.add(TechEmpower.ADDED_FORTUNE);
        Collections.sort(fortunes);
        return Template.of("fortunes.html", Map.of("fortunes", fortunes));
    }

    private static World view(WorldEntity world) {
        return new World(world.getId(), world.getRandomNumber());
    }
}

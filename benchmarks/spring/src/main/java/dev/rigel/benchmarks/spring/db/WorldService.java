package dev.rigel.benchmarks.spring.db;

import dev.rigel.benchmarks.common.TechEmpower;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database work of each request in one transaction (read-only for reads), Spring's usual
 * service layer; rows are read one {@code findById} at a time, updates flushed as one JDBC batch
 * in id order at commit.
 */
@Service
@Profile("db")
public class WorldService {

    private final WorldRepository worlds;
    private final FortuneRepository fortunes;

    public WorldService(WorldRepository worlds, FortuneRepository fortunes) {
        this.worlds = worlds;
        this.fortunes = fortunes;
    }

    @Transactional(readOnly = true)
    public World world() {
        return worlds.findById(TechEmpower.randomId()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<World> worlds(int count) {
        List<World> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(worlds.findById(TechEmpower.randomId()).orElseThrow());
        }
        return result;
    }

    @Transactional
    public List<World> update(int count) {
        List<World> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            World world = worlds.findById(TechEmpower.randomId()).orElseThrow();
            world.setRandomNumber(TechEmpower.newRandomNumber(world.getRandomNumber()));
            result.add(world);
        }
        return result;
    }

    /** Every fortune plus the one added at request time, sorted by message. */
    @Transactional(readOnly = true)
    public List<dev.rigel.benchmarks.common.Fortune> fortunes() {
        List<dev.rigel.benchmarks.common.Fortune> result = new ArrayList<>(16);
        for (Fortune fortune : fortunes.findAll()) {
            result.add(new dev.rigel.benchmarks.common.Fortune(fortune.getId(), fortune.getMessage()));
        }
        result.add(TechEmpower.ADDED_FORTUNE);
        Collections.sort(result);
        return result;
    }
}

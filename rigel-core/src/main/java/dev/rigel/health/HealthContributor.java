package dev.rigel.health;

import dev.rigel.App;
import java.util.List;

/**
 * Something that knows how to check the dependency it brings: a plugin (the JDBC and JPA plugins'
 * pool, the channels plugin's backend) or a store registered in the app's
 * {@link dev.rigel.stores.StoreRegistry} (Redis). {@link HealthPlugin} asks every plugin and every
 * registered store of the app that implements this, when the app starts, and adds their checks
 * to readiness.
 */
public interface HealthContributor {

    /**
     * The checks to add for {@code app}, which has started (its lifespan resources are open). The
     * same check object returned twice (a store under two names) is run once.
     */
    List<HealthCheck> healthChecks(App app);
}

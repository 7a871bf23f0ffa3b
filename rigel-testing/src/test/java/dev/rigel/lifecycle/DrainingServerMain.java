package dev.rigel.lifecycle;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.health.HealthPlugin;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A separate process for {@link SigtermTest}: an app with health endpoints and a {@code /work}
 * route taking 0-5 ms, on an ephemeral port, with the grace period given in milliseconds as the
 * first argument. Installs no signal handling of its own: the server's is what is tested.
 */
public final class DrainingServerMain {

    private DrainingServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        App app = App.builder()
                .plugins(HealthPlugin.create())
                .routeHandlers(Route.get("/work", () -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(6));
                    return "done";
                }))
                .onShutdown(stopped -> System.out.println("LIFESPAN SHUTDOWN"))
                .build();
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .port(0)
                                .shutdownGracePeriod(Duration.ofMillis(Long.parseLong(args[0])))
                                .shutdownTimeout(Duration.ofSeconds(10))
                                .build())
                .start();
        System.out.println("PORT " + server.port());
        server.awaitShutdown();
    }
}

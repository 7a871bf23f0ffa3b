package dev.rigel.examples.seed;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;

/**
 * Starts the seed app on the embedded server: {@code java -jar seed-app.jar [--host H] [--port P]}.
 * Stops gracefully on Ctrl-C / SIGTERM.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        SeedSettings settings;
        try {
            settings = SeedSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            boolean askedForHelp = e.getMessage().equals(SeedSettings.usage());
            (askedForHelp ? System.out : System.err).println(e.getMessage());
            System.exit(askedForHelp ? 0 : 2);
            return;
        }
        App app = SeedApp.create(settings);
        RigelServer server = new RigelServer(
                app,
                ServerConfig.builder()
                        .host(settings.host())
                        .port(settings.port())
                        .build());
        server.start();
        server.awaitShutdown();
    }
}

package dev.rigel.testing.support;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import java.net.URI;
import java.time.Duration;

/**
 * Opens a {@link TestClient} for an app over the chosen {@link Transport}. Closing the client
 * also stops the server it was given. Server exceptions are not re-thrown, so both transports
 * answer the same way (a 500).
 */
public final class Clients {

    private Clients() {}

    public static TestClient open(App app, Transport transport) {
        return switch (transport) {
            case IN_PROCESS -> TestClient.of(app).raiseServerExceptions(false);
            case REAL_SERVER -> {
                RigelServer server = startServer(app, ServerConfig.builder());
                yield TestClient.overHttp(app, URI.create(server.url()), server::stop);
            }
        };
    }

    /** A real server for {@code app} on an ephemeral loopback port, with the settings already in {@code config}. */
    public static RigelServer startServer(App app, ServerConfig.Builder config) {
        return new RigelServer(
                        app,
                        config.host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
    }
}

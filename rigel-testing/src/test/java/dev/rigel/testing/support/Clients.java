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
                RigelServer server = new RigelServer(
                                app,
                                ServerConfig.builder()
                                        .host("127.0.0.1")
                                        .port(0)
                                        .shutdownTimeout(Duration.ofSeconds(2))
                                        .build())
                        .start();
                yield TestClient.overHttp(app, URI.create(server.url()), server::stop);
            }
        };
    }
}

package dev.rigel.testing;

import dev.rigel.App;
import java.net.URI;
import java.time.Duration;

/**
 * Starts Rigel's server for {@link TestClient#live}. The server is an optional dependency, so
 * its classes are touched only in {@link Started}, after checking that they are there: a test
 * without {@code rigel-netty} gets a message saying what to add, not a {@code NoClassDefFoundError}.
 */
final class LiveServer {

    private LiveServer() {}

    static TestClient serve(App app) {
        try {
            Class.forName("dev.rigel.netty.RigelServer", false, LiveServer.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException("TestClient.live serves the app with Rigel's server, which is not on the"
                    + " test class path: add the dependency dev.rigel:rigel-netty (test scope)");
        }
        return Started.start(app);
    }

    private static final class Started {
        static TestClient start(App app) {
            dev.rigel.netty.RigelServer server = new dev.rigel.netty.RigelServer(
                            app,
                            dev.rigel.netty.ServerConfig.builder()
                                    .host("127.0.0.1")
                                    .port(0)
                                    .shutdownTimeout(Duration.ofSeconds(2))
                                    .build())
                    .start();
            return TestClient.overHttp(app, URI.create(server.url()), server::stop);
        }
    }
}

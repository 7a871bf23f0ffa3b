package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Request;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code TestClient.live}: the app on Rigel's server on an ephemeral port, for as long as the client lives. */
class LiveTestClientTest {

    @Test
    void theAppIsServedOverARealSocketUntilTheClientCloses() throws Exception {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .onStartup(started -> lifecycle.add("startup"))
                .onShutdown(stopped -> lifecycle.add("shutdown"))
                .routeHandlers(
                        Route.get(
                                "/who",
                                (Request request) -> request.client()
                                        .map(address -> address.getAddress().getHostAddress())
                                        .orElse("?")),
                        Route.get("/url", (Request request) -> request.headers().get("host")))
                .build();
        URI base;
        try (TestClient client = TestClient.live(app)) {
            // a real connection from the loopback address, not the in-process client's "testclient"
            assertThat(client.get("/who").text()).isEqualTo("127.0.0.1");
            base = URI.create("http://" + client.get("/url").text());
            assertThat(base.getPort()).isPositive();
            assertThat(lifecycle).containsExactly("startup");
        }
        assertThat(lifecycle).containsExactly("startup", "shutdown");
        // the port is closed with the client
        assertThatThrownBy(() -> new Socket(base.getHost(), base.getPort()).close())
                .isInstanceOf(IOException.class);
    }
}

package dev.rigel.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The background preinitialisation a start begins, and Rigel's defaults for Netty's properties. */
class PreinitializerTest {

    @Test
    void startsOneDaemonThreadThatFinishesAndLeavesAServerThatServes() throws Exception {
        Thread first = Preinitializer.start();
        Thread second = Preinitializer.start();
        RigelServer.preinitialize(); // the public entry: also a no-op now

        assertThat(first).as("the first call starts the work").isNotNull();
        assertThat(first.getName()).isEqualTo("rigel-preinit");
        assertThat(first.isDaemon()).as("never holds the JVM up").isTrue();
        assertThat(second).as("a later call starts nothing").isNull();
        first.join(30_000);
        assertThat(first.isAlive()).as("the work ends by itself").isFalse();
        assertThat(System.getProperty(NettyDefaults.JFR)).isEqualTo("false");

        Application app = (scope, receive, send) -> {
            send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
            send.send(new Message.ResponseBody("ok".getBytes(StandardCharsets.UTF_8), false));
        };
        try (RigelServer server =
                new RigelServer(app, ServerConfig.builder().port(0).build()).start()) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
    }

    @Test
    void turnsNettysLeakDetectorOffOnlyWhenNothingChoseALevel() {
        assertThat(NettyDefaults.leakDetectionDefault(null, null)).isEqualTo("disabled");
        assertThat(NettyDefaults.leakDetectionDefault("paranoid", null)).isNull();
        assertThat(NettyDefaults.leakDetectionDefault(null, "advanced")).isNull();
        // the tests' surefire configuration keeps Netty's sampling detector on
        assertThat(System.getProperty(NettyDefaults.LEAK_DETECTION)).isEqualTo("simple");
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.LEAK_DETECTION)).isEqualTo("simple");
    }

    @Test
    void turnsNettysFlightRecorderEventsOffOnlyWhenNothingChoseOtherwise() {
        assertThat(NettyDefaults.jfrDefault(null, false)).isEqualTo("false");
        assertThat(NettyDefaults.jfrDefault(null, true))
                .as("a recording runs from startup")
                .isNull();
        assertThat(NettyDefaults.jfrDefault("true", false))
                .as("the process set it")
                .isNull();
        assertThat(NettyDefaults.jfrDefault("false", true)).isNull();
    }
}

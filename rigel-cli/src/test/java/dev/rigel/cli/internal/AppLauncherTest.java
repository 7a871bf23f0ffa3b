package dev.rigel.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppLauncherTest {

    private static AppLauncher launcher(Map<String, String> env) {
        return new AppLauncher(
                null,
                settings -> App.builder().build(),
                Map.of("server.port", List.of("port")),
                env,
                Path.of("does-not-exist"),
                AppLauncherTest.class,
                "test",
                List.of());
    }

    @Test
    void theServerSettingsBecomeTheServersConfig() {
        AppLauncher launcher = launcher(Map.of("SERVER_SHUTDOWN_GRACE_PERIOD", "5s", "SERVER_HTTP2", "false"));
        ServerConfig config = launcher.serverConfig(launcher.config(List.of(
                "--port=9001",
                "--server.host=0.0.0.0",
                "--server.io-threads=3",
                "--server.max-body-size=1024",
                "--server.max-header-size=4096",
                "--server.idle-timeout=5s",
                "--server.read-timeout=6s",
                "--server.shutdown-timeout=7s")));
        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.ioThreads()).isEqualTo(3);
        assertThat(config.maxBodySize()).isEqualTo(1024);
        assertThat(config.maxHeaderSize()).isEqualTo(4096);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.http2()).isFalse();
        assertThat(config.tls()).isFalse();
    }

    @Test
    void theDefaultsAreTheServersOwn() {
        AppLauncher launcher = launcher(Map.of());
        ServerConfig config = launcher.serverConfig(launcher.config(List.of()));
        ServerConfig defaults = ServerConfig.defaults();
        assertThat(config.host()).isEqualTo(defaults.host());
        assertThat(config.port()).isEqualTo(defaults.port());
        assertThat(config.ioThreads()).isEqualTo(defaults.ioThreads());
        assertThat(config.maxBodySize()).isEqualTo(defaults.maxBodySize());
        assertThat(config.maxHeaderSize()).isEqualTo(defaults.maxHeaderSize());
        assertThat(config.idleTimeout()).isEqualTo(defaults.idleTimeout());
        assertThat(config.readTimeout()).isEqualTo(defaults.readTimeout());
        assertThat(config.shutdownTimeout()).isEqualTo(defaults.shutdownTimeout());
        assertThat(config.shutdownGracePeriod()).isEqualTo(defaults.shutdownGracePeriod());
        assertThat(config.http2()).isEqualTo(defaults.http2());
    }
}

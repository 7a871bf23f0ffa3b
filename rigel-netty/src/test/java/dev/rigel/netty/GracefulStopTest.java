package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The start of a graceful stop (the application hears it is draining, the server serves on for
 * the grace period) and the signal handling of running servers: one shutdown hook each, removed
 * at stop, and the JVM's own signal handlers back once no server runs.
 */
class GracefulStopTest {

    private static final class DrainingApp implements Application, Lifespan {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void startup() {
            events.add("startup");
        }

        @Override
        public void startDraining() {
            events.add("draining");
        }

        @Override
        public void shutdown() {
            events.add("shutdown");
        }

        @Override
        public void call(Scope scope, Receive receive, Send send) throws Exception {
            events.add("request " + scope.rawPath());
            TestApps.text(send, 200, "done " + scope.rawPath());
        }
    }

    @Test
    void theAppHearsOfTheDrainFirstAndNewConnectionsAreServedThroughTheGracePeriod() throws Exception {
        DrainingApp app = new DrainingApp();
        RigelServer server = TestApps.start(app, b -> b.shutdownGracePeriod(Duration.ofMillis(800)));
        int port = server.port();
        long start = System.nanoTime();
        Thread stopping = Thread.ofVirtual().start(server::stop);
        Thread.sleep(300);
        assertThat(app.events).containsExactly("startup", "draining");
        // a connection opened during the grace period is accepted and served
        try (RawHttp http = new RawHttp(port)) {
            http.write("GET /late HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("done /late");
        }
        assertThat(server.isRunning()).isTrue();
        stopping.join(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(app.events).containsExactly("startup", "draining", "request /late", "shutdown");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void withoutAGracePeriodTheStopIsImmediateAndStillTellsTheApp() {
        DrainingApp app = new DrainingApp();
        RigelServer server = TestApps.start(app);
        long start = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(app.events).containsExactly("startup", "draining", "shutdown");
    }

    @Test
    void eachRunningServerHasOneShutdownHookRemovedWhenItStops() {
        List<RigelServer> servers = new ArrayList<>();
        List<Thread> hooks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RigelServer server = TestApps.start(new DrainingApp());
            servers.add(server);
            Thread hook = server.shutdownHook();
            assertThat(hook).isNotNull();
            hooks.add(hook);
            // registered: removing succeeds (and it is put back)
            assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
            Runtime.getRuntime().addShutdownHook(hook);
        }
        assertThat(hooks).doesNotHaveDuplicates();
        servers.forEach(RigelServer::stop);
        for (Thread hook : hooks) {
            assertThat(Runtime.getRuntime().removeShutdownHook(hook))
                    .as("hook still registered after stop")
                    .isFalse();
        }
        assertThat(servers)
                .allSatisfy(server -> assertThat(server.shutdownHook()).isNull());
    }

    @Test
    void signalHandlersAreTheServersWhileOneRunsAndTheJvmsAfterwards() {
        SignalHandler before = current("TERM");
        RigelServer first = TestApps.start(new DrainingApp());
        RigelServer second = TestApps.start(new DrainingApp());
        SignalHandler whileRunning = current("TERM");
        assertThat(whileRunning).isNotEqualTo(before);
        assertThat(whileRunning.getClass().getName()).contains("ShutdownSignals");
        first.stop();
        assertThat(current("TERM")).as("one server still runs").isSameAs(whileRunning);
        second.stop();
        // the JVM's own (sun.misc wraps it afresh each time it hands it out, hence by description)
        assertThat(current("TERM")).hasToString(before.toString());
    }

    @Test
    void handleSignalsFalseInstallsNothing() {
        SignalHandler before = current("TERM");
        RigelServer server = TestApps.start(new DrainingApp(), b -> b.handleSignals(false));
        try {
            assertThat(server.shutdownHook()).isNull();
            assertThat(current("TERM")).hasToString(before.toString());
        } finally {
            server.stop();
        }
    }

    /**
     * The handler installed for {@code name}, read by swapping in a no-op for an instant (a Java
     * one: HotSpot never installs a handler for a shutdown signal that is ignored, so swapping in
     * SIG_IGN could not be undone).
     */
    private static SignalHandler current(String name) {
        Signal signal = new Signal(name);
        SignalHandler handler = Signal.handle(signal, ignored -> {});
        Signal.handle(signal, handler);
        return handler;
    }
}

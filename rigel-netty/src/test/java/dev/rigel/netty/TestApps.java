package dev.rigel.netty;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Small hand-written applications and server set-up shared by the tests. */
final class TestApps {

    private TestApps() {}

    /** A server on an ephemeral loopback port with test-friendly settings. */
    static RigelServer start(Application app) {
        return start(app, b -> {});
    }

    static RigelServer start(Application app, Consumer<ServerConfig.Builder> tweaks) {
        ServerConfig.Builder builder =
                ServerConfig.builder().port(0).ioThreads(2).shutdownTimeout(java.time.Duration.ofSeconds(5));
        tweaks.accept(builder);
        return new RigelServer(app, builder.build()).start();
    }

    static byte[] readBody(Receive receive) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            Message m = receive.receive();
            if (m instanceof Message.RequestBody chunk) {
                body.write(chunk.body());
                if (!chunk.moreBody()) {
                    return body.toByteArray();
                }
            } else {
                return body.toByteArray();
            }
        }
    }

    static void text(Send send, int status, String text) throws IOException {
        send.send(new Message.ResponseStart(status, Headers.of("content-type", "text/plain; charset=utf-8")));
        send.send(new Message.ResponseBody(text.getBytes(StandardCharsets.UTF_8), false));
    }

    /** Describes the scope and the body it received, plus which kind of thread ran it. */
    static String describe(Scope scope, byte[] body) {
        return "method=" + scope.method()
                + "\nrawPath=" + scope.rawPath()
                + "\npath=" + scope.path()
                + "\nquery=" + scope.queryString()
                + "\nversion=" + scope.httpVersion()
                + "\nscheme=" + scope.scheme()
                + "\nhost=" + scope.headers().get("host")
                + "\nclient=" + (scope.client() != null)
                + "\nserverPort="
                + (scope.server() == null ? -1 : scope.server().getPort())
                + "\nvirtual=" + Thread.currentThread().isVirtual()
                + "\nbody=" + new String(body, StandardCharsets.UTF_8);
    }

    /** Echoes what it saw; runs on virtual threads. */
    static final Application ECHO = (scope, receive, send) -> {
        byte[] body = readBody(receive);
        text(send, 200, describe(scope, body));
    };
}

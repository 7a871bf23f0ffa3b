package dev.rigel.benchmarks.jmh;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.netty.internal.Dispatcher;
import dev.rigel.netty.internal.ServerInitializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One keep-alive HTTP/1.1 request through the server's whole pipeline, bytes in to bytes out, with
 * no socket: the connection is an {@code EmbeddedChannel} built by the server's own {@code
 * ServerInitializer} (idle timeout, connection handler, strict decoder, encoder, HTTP/1 handler),
 * and the routes run on the event loop ({@code nonBlocking}), as in the load harness's
 * {@code rigel-el}. What the server costs per request without the kernel and the load generator,
 * which on a shared 2-core machine swamp it; run with {@code -prof gc} for bytes per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Http1WireBenchmark {

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    /** What wrk sends. */
    private static final String HEAD = " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";

    /** What the harness's {@code users} workloads send: a browser's fields and a bearer token. */
    private static final String BROWSER_HEAD = " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
            + "Authorization: Bearer dev-token\r\n"
            + "Cookie: session_id=5f2b8c1e9a7d4e3f8b6a1c2d3e4f5a6b; theme=dark; _ga=GA1.1.1234567890.1700000000;"
            + " consent=analytics%3Dfalse\r\n"
            + "Accept: application/json, text/plain, */*\r\n"
            + "Accept-Language: en-GB,en;q=0.9\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
            + " Safari/537.36\r\n\r\n";

    EmbeddedChannel channel;
    ByteBuf plaintext;
    ByteBuf json;
    ByteBuf browserPlaintext;

    @Setup
    public void setup() {
        App app = App.builder()
                .routeHandlers(
                        Route.get("/plaintext", () -> "Hello, World!").nonBlocking(),
                        Route.get("/json", () -> HELLO).nonBlocking())
                .build();
        app.startup();
        Dispatcher dispatcher = new Dispatcher(
                app, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(10), "Rigel", 65536, 1 << 20, false);
        ServerInitializer initializer = new ServerInitializer(
                dispatcher,
                null,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                false,
                Duration.ofSeconds(60),
                0,
                4096,
                16384,
                Duration.ofSeconds(1));
        channel = new EmbeddedChannel(initializer);
        plaintext = request("/plaintext");
        json = request("/json");
        browserPlaintext = request("/plaintext", BROWSER_HEAD);
        // the answer is what the harness checks: a 200 with the body
        String answer = exchange(plaintext);
        if (!answer.startsWith("HTTP/1.1 200 OK") || !answer.endsWith("Hello, World!")) {
            throw new IllegalStateException("unexpected response: " + answer);
        }
    }

    private static ByteBuf request(String path) {
        return request(path, HEAD);
    }

    private static ByteBuf request(String path, String head) {
        return Unpooled.unreleasableBuffer(
                Unpooled.directBuffer().writeBytes(("GET " + path + head).getBytes(StandardCharsets.US_ASCII)));
    }

    private String exchange(ByteBuf request) {
        channel.writeInbound(request.duplicate());
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int plaintext() {
        return respond(plaintext);
    }

    @Benchmark
    public int json() {
        return respond(json);
    }

    /** {@code /plaintext} with a browser's request head: what parsing a realistic head costs. */
    @Benchmark
    public int plaintextWithBrowserHeaders() {
        return respond(browserPlaintext);
    }

    private int respond(ByteBuf request) {
        channel.writeInbound(request.duplicate());
        int bytes = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}

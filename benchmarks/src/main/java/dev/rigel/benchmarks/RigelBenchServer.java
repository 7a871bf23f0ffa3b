package dev.rigel.benchmarks;

import dev.rigel.App;
import dev.rigel.benchmarks.common.RigelBenchApp;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;

/**
 * Rigel with the benchmark routes: {@code /plaintext}, {@code /json}, and {@code /api/v1/users}
 * plus {@code /api/v1/users/{user_id:int}} behind the seed's bearer-token middleware, with the
 * user store as a router-level {@code db} dependency.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.RigelBenchServer PORT vt|el [IO_THREADS]} —
 * {@code vt} runs handlers on virtual threads (the default for Rigel handlers), {@code el} marks
 * every route {@code nonBlocking} so handlers run on the Netty event loop; {@code IO_THREADS}
 * overrides the server's default of one event loop per core.
 */
public final class RigelBenchServer {

    private RigelBenchServer() {}

    public static App create(boolean eventLoop) {
        return RigelBenchApp.create(eventLoop);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        boolean eventLoop = args.length > 1 && args[1].equals("el");
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(port);
        if (args.length > 2) {
            config.ioThreads(Integer.parseInt(args[2]));
        }
        RigelServer server = new RigelServer(create(eventLoop), config.build());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rigel-shutdown"));
        server.start();
        System.out.println(
                "rigel (" + (eventLoop ? "event loop" : "virtual threads") + ") listening on " + server.url());
        server.awaitShutdown();
    }
}

package dev.rigel.netty.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import org.slf4j.LoggerFactory;

/**
 * The one-time work of a process's first server start, begun on a background thread so that it
 * overlaps with binding settings and building the app on the main thread (Spring Boot's background
 * preinitializer, for the same reason). A JVM runs each class initialiser once, on whichever thread
 * gets there first, and a thread that arrives later waits for it; so nothing here is done twice or
 * out of order, and a start that reaches a piece first simply does it itself.
 *
 * <p>What it does, in the order the main thread needs it: Jackson's classes (settings are bound with
 * them first), then, costliest of all as a profile of a small app's start showed it, Netty's native
 * epoll transport (the library is copied out of the jar to a temporary file, which seeds
 * {@code SecureRandom}, and linked together with Netty's platform probes, about a quarter of the
 * main thread's time), the JDK's security providers, the buffer allocator, the HTTP codec classes
 * and the virtual-thread scheduler. It starts nothing that holds resources: no event loop, no
 * socket, no buffer.
 */
public final class Preinitializer {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** Classes whose initialisers every server's first connection or request runs. */
    private static final String[] CODEC_CLASSES = {
        "io.netty.handler.codec.http.HttpObjectAggregator",
        "io.netty.handler.codec.http.HttpServerUpgradeHandler",
        "io.netty.handler.codec.http.HttpHeaderNames",
        "io.netty.handler.codec.http.HttpHeaderValues",
        "io.netty.handler.codec.http.HttpResponseStatus",
        "io.netty.handler.codec.http2.Http2CodecUtil",
        "io.netty.handler.codec.http2.DefaultHttp2Headers",
        "io.netty.util.AsciiString",
    };

    private Preinitializer() {}

    /**
     * Starts the background work once per process (per class loader); later calls return at once.
     *
     * @return the thread doing the work, or null when an earlier call started it
     */
    public static Thread start() {
        NettyDefaults.apply();
        if (!STARTED.compareAndSet(false, true)) {
            return null;
        }
        Thread thread = new Thread(Preinitializer::run, "rigel-preinit");
        thread.setDaemon(true); // never holds the JVM up, e.g. after a command that serves nothing
        thread.start();
        return thread;
    }

    private static void run() {
        try {
            jackson(); // first: the main thread binds settings with it within milliseconds
            IoTransport.select(true);
            new SecureRandom().nextLong();
            // the JDK's security providers, loaded on the first lookup: CSRF tokens, sessions and JWTs sign with HMAC
            Mac.getInstance("HmacSHA256");
            ByteBufAllocator.DEFAULT.isDirectBufferPooled(); // the allocator's statics, not a buffer
            for (String name : CODEC_CLASSES) {
                Class.forName(name, true, Preinitializer.class.getClassLoader());
            }
            Thread.ofVirtual().start(() -> {}).join();
        } catch (Throwable e) { // LinkageError included: the start that needs the piece will report it
            LoggerFactory.getLogger(Preinitializer.class).debug("preinitialisation stopped early", e);
        }
    }

    /**
     * Jackson's mapper, parser and generator classes, whose initialisers (date formats, locale data,
     * number constants) every app runs once to bind its settings and write its first JSON body.
     */
    private static void jackson() throws IOException {
        ObjectMapper mapper = JsonMapper.builder().build();
        mapper.writeValueAsBytes(mapper.readTree("{\"warm\":[1,2.5,true,null]}"));
    }
}

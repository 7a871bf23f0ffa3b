/** Rigel's embedded HTTP/1.1, HTTP/2 and WebSocket server on Netty; dev.rigel.netty.internal is implementation. */
module dev.rigel.netty {
    requires transitive dev.rigel.core;
    // ServerConfig.tls(SslContext) takes Netty's TLS context
    requires transitive io.netty.handler;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.compression;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.transport;
    // native epoll where the platform has it (probed at startup, NIO otherwise). Its native library
    // (io.netty.transport.epoll.linux.x86_64) is only a run-time dependency, so on the module path
    // an app that wants epoll adds that module (--add-modules); without it the server uses NIO
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.slf4j;
    // sun.misc.Signal: SIGTERM/SIGINT stop the server gracefully and exit with status 0
    requires jdk.unsupported;
    // whether a flight recording runs at startup (NettyDefaults); absent from a runtime without JFR
    requires static jdk.jfr;

    exports dev.rigel.netty;
}

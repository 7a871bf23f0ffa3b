package dev.rigel.netty.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The I/O engine: native epoll where the platform has it (fewer syscalls and less garbage than
 * NIO's selector), NIO everywhere else.
 */
public record IoTransport(String name, IoHandlerFactory handlerFactory, Class<? extends ServerChannel> serverChannel) {

    public static IoTransport select(boolean preferNative) {
        if (preferNative && epollClassesPresent()) {
            IoTransport epoll = Epoll.transportIfAvailable();
            if (epoll != null) {
                return epoll;
            }
        }
        return new IoTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    // The epoll classes are an optional dependency for users; probe without linking them.
    private static boolean epollClassesPresent() {
        try {
            Class.forName("io.netty.channel.epoll.Epoll", false, IoTransport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Only loaded once the epoll classes are known to be on the class path. */
    private static final class Epoll {
        static IoTransport transportIfAvailable() {
            if (!io.netty.channel.epoll.Epoll.isAvailable()) {
                return null;
            }
            return new IoTransport(
                    "epoll",
                    io.netty.channel.epoll.EpollIoHandler.newFactory(),
                    io.netty.channel.epoll.EpollServerSocketChannel.class);
        }
    }
}

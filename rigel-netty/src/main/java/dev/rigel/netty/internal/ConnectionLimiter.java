package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the connections open at once from one client IP address, so one client cannot take all
 * of the server's connections. A connection is counted when accepted and released when it
 * closes, however it closes. Shared by every event loop of a server; an address leaves the map
 * when its last connection closes, so the map holds only addresses with connections open.
 */
final class ConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Counts {@code ch} against its client's address, releasing it when the channel closes;
     * false, counting nothing, if that address already has the maximum open.
     */
    boolean admit(Channel ch) {
        SocketAddress remote = ch.remoteAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true; // not an IP connection: nothing to count by
        }
        InetAddress address = inet.getAddress();
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (admitted[0]) {
            ch.closeFuture()
                    .addListener(
                            closed -> open.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null));
        }
        return admitted[0];
    }
}

package dev.rigel.netty;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RigelServer} listens and what it accepts. Immutable; build one with {@link #builder()}.
 *
 * <p>The limits are enforced by the server before the application sees a request, so an
 * application never has to defend itself against oversized heads or bodies:
 * <ul>
 *   <li>a request line longer than {@link #maxInitialLineLength()} is answered with 414,</li>
 *   <li>a header section larger than {@link #maxHeaderSize()} with 431,</li>
 *   <li>a body larger than {@link #maxBodySize()} with 413, decided from {@code Content-Length}
 *       before any of the body is read, or as soon as a chunked body grows past the limit,</li>
 *   <li>a request head that takes longer than {@link #headerReadTimeout()} to arrive with 408,</li>
 *   <li>a request that takes longer than {@link #readTimeout()} to arrive with 408,</li>
 *   <li>a WebSocket frame over {@link #webSocketMaxFrameSize()} or message over
 *       {@link #webSocketMaxMessageSize()} by closing the connection with 1009,</li>
 *   <li>a connection beyond {@link #maxConnectionsPerAddress()} from one client address by
 *       closing it at once.</li>
 * </ul>
 */
public final class ServerConfig {

    private final String host;
    private final int port;
    private final int ioThreads;
    private final Duration idleTimeout;
    private final Duration readTimeout;
    private final Duration headerReadTimeout;
    private final int maxConnectionsPerAddress;
    private final int maxHeaderSize;
    private final int maxInitialLineLength;
    private final long maxBodySize;
    private final boolean http2;
    private final Duration shutdownTimeout;
    private final Duration shutdownGracePeriod;
    private final boolean handleSignals;
    private final SslContext sslContext;
    private final Path tlsCertificateChain;
    private final Path tlsPrivateKey;
    private final boolean nativeTransport;
    private final String serverHeader;
    private final int webSocketMaxFrameSize;
    private final int webSocketMaxMessageSize;
    private final boolean webSocketCompression;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.ioThreads = b.ioThreads;
        this.idleTimeout = b.idleTimeout;
        this.readTimeout = b.readTimeout;
        this.headerReadTimeout = b.headerReadTimeout;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.maxHeaderSize = b.maxHeaderSize;
        this.maxInitialLineLength = b.maxInitialLineLength;
        this.maxBodySize = b.maxBodySize;
        this.http2 = b.http2;
        this.shutdownTimeout = b.shutdownTimeout;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.handleSignals = b.handleSignals;
        this.sslContext = b.sslContext;
        this.tlsCertificateChain = b.tlsCertificateChain;
        this.tlsPrivateKey = b.tlsPrivateKey;
        this.nativeTransport = b.nativeTransport;
        this.serverHeader = b.serverHeader;
        this.webSocketMaxFrameSize = b.webSocketMaxFrameSize;
        this.webSocketMaxMessageSize = b.webSocketMaxMessageSize;
        this.webSocketCompression = b.webSocketCompression;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 127.0.0.1:8000, HTTP/1.1 and h2c, no TLS. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder pre-filled with this configuration, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.ioThreads = ioThreads;
        b.idleTimeout = idleTimeout;
        b.readTimeout = readTimeout;
        b.headerReadTimeout = headerReadTimeout;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.maxHeaderSize = maxHeaderSize;
        b.maxInitialLineLength = maxInitialLineLength;
        b.maxBodySize = maxBodySize;
        b.http2 = http2;
        b.shutdownTimeout = shutdownTimeout;
        b.shutdownGracePeriod = shutdownGracePeriod;
        b.handleSignals = handleSignals;
        b.sslContext = sslContext;
        b.tlsCertificateChain = tlsCertificateChain;
        b.tlsPrivateKey = tlsPrivateKey;
        b.nativeTransport = nativeTransport;
        b.serverHeader = serverHeader;
        b.webSocketMaxFrameSize = webSocketMaxFrameSize;
        b.webSocketMaxMessageSize = webSocketMaxMessageSize;
        b.webSocketCompression = webSocketCompression;
        return b;
    }

    /** Interface to bind; default {@code 127.0.0.1} so nothing is exposed by accident. */
    public String host() {
        return host;
    }

    /** Port to bind; 0 picks a free port (see {@link RigelServer#port()}). Default 8000. */
    public int port() {
        return port;
    }

    /** Number of event-loop threads; default: one per available processor. */
    public int ioThreads() {
        return ioThreads;
    }

    /** A connection with no request in flight and no traffic for this long is closed; zero disables. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Longest time a request may take to arrive once its first byte was read; zero disables. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Longest time an HTTP/1 request head may take to arrive, from its first byte, and a new
     * connection to start sending its first one; zero disables. Progress does not restart it, so
     * a client trickling a head (slowloris) holds the connection this long, not {@link
     * #readTimeout()}. A partial head is answered with 408, a silent new connection closed. The
     * quiet between requests on a kept-alive connection is {@link #idleTimeout()}'s.
     */
    public Duration headerReadTimeout() {
        return headerReadTimeout;
    }

    /**
     * Most connections open at once from one client IP address; a connection beyond it is closed
     * as soon as it is accepted, before anything is read. Zero (the default) sets no limit. Behind
     * a proxy or NAT every client shares an address: leave it off there, or size it for that.
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** The largest header section (request line excluded) the server reads; default 16 KiB. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    public int maxInitialLineLength() {
        return maxInitialLineLength;
    }

    public long maxBodySize() {
        return maxBodySize;
    }

    /** Whether HTTP/2 is offered: h2c (upgrade and prior knowledge) in cleartext, h2 via ALPN with TLS. */
    public boolean http2() {
        return http2;
    }

    /** How long {@link RigelServer#stop()} lets in-flight requests finish before closing connections. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * How long {@link RigelServer#stop()} keeps serving, new connections included, after telling
     * the application it is draining (readiness answers 503) and before it stops accepting: the
     * time a load balancer or Kubernetes needs to stop sending traffic here. Zero (the default)
     * stops accepting at once, as most servers do; behind a load balancer set a few seconds (its
     * health-check interval times the failures it needs, or about 5 s on Kubernetes, where the
     * endpoint removal races the SIGTERM).
     */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /**
     * Whether the server stops gracefully on SIGTERM and SIGINT (Ctrl-C) and then exits the JVM
     * with status 0, and on any other JVM shutdown (a shutdown hook). On by default; turn it off
     * when the application handles signals itself or the server is embedded in a larger program.
     * See {@link RigelServer}.
     */
    public boolean handleSignals() {
        return handleSignals;
    }

    /** A TLS context supplied as is; see {@link Builder#tls(SslContext)}. */
    public Optional<SslContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    public Optional<Path> tlsCertificateChain() {
        return Optional.ofNullable(tlsCertificateChain);
    }

    public Optional<Path> tlsPrivateKey() {
        return Optional.ofNullable(tlsPrivateKey);
    }

    /** Whether TLS is configured, either way. */
    public boolean tls() {
        return sslContext != null || tlsCertificateChain != null;
    }

    /** Whether the native epoll transport is used when the platform has it (NIO otherwise). */
    public boolean nativeTransport() {
        return nativeTransport;
    }

    /** Value of the {@code Server} response header, or empty when none is sent. */
    public Optional<String> serverHeader() {
        return Optional.ofNullable(serverHeader);
    }

    /** The largest WebSocket frame payload accepted from a client; a larger one closes with 1009. */
    public int webSocketMaxFrameSize() {
        return webSocketMaxFrameSize;
    }

    /**
     * The largest WebSocket message accepted from a client, after reassembling its fragments and
     * decompressing it; a larger one closes with 1009.
     */
    public int webSocketMaxMessageSize() {
        return webSocketMaxMessageSize;
    }

    /** Whether permessage-deflate (RFC 7692) is agreed to when a WebSocket client offers it. */
    public boolean webSocketCompression() {
        return webSocketCompression;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", ioThreads=" + ioThreads
                + ", idleTimeout=" + idleTimeout + ", readTimeout=" + readTimeout
                + ", headerReadTimeout=" + headerReadTimeout + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", maxHeaderSize=" + maxHeaderSize + ", maxInitialLineLength=" + maxInitialLineLength
                + ", maxBodySize=" + maxBodySize + ", http2=" + http2 + ", tls=" + tls()
                + ", shutdownTimeout=" + shutdownTimeout + ", shutdownGracePeriod=" + shutdownGracePeriod
                + ", handleSignals=" + handleSignals + ", nativeTransport=" + nativeTransport
                + ", webSocketMaxFrameSize=" + webSocketMaxFrameSize + ", webSocketMaxMessageSize="
                + webSocketMaxMessageSize + ", webSocketCompression=" + webSocketCompression + "]";
    }

    /** Collects settings; every setter validates its argument at once so mistakes point at the call. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration headerReadTimeout = Duration.ofSeconds(10);
        private int maxConnectionsPerAddress;
        /**
         * 16 KiB, as Node.js allows: identity providers' tokens with many groups or roles pass
         * 8 KiB (Netty's, Tomcat's and Jetty's default), and an app should refuse those itself,
         * with a 401 that says why, rather than the server with a 431.
         */
        private int maxHeaderSize = 16 * 1024;

        private int maxInitialLineLength = 8192;
        private long maxBodySize = 10L * 1024 * 1024;
        private boolean http2 = true;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Duration shutdownGracePeriod = Duration.ZERO;
        private boolean handleSignals = true;
        private SslContext sslContext;
        private Path tlsCertificateChain;
        private Path tlsPrivateKey;
        private boolean nativeTransport = true;
        private String serverHeader = "Rigel";
        private int webSocketMaxFrameSize = 1024 * 1024;
        private int webSocketMaxMessageSize = 1024 * 1024;
        private boolean webSocketCompression = true;

        private Builder() {}

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = nonNegative(idleTimeout, "idleTimeout");
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = nonNegative(readTimeout, "readTimeout");
            return this;
        }

        /** See {@link ServerConfig#headerReadTimeout()}; default 10 seconds, zero disables. */
        public Builder headerReadTimeout(Duration headerReadTimeout) {
            this.headerReadTimeout = nonNegative(headerReadTimeout, "headerReadTimeout");
            return this;
        }

        /** See {@link ServerConfig#maxConnectionsPerAddress()}; default 0, no limit. */
        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            if (maxConnectionsPerAddress < 0) {
                throw new IllegalArgumentException(
                        "maxConnectionsPerAddress must not be negative: " + maxConnectionsPerAddress);
            }
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public Builder maxHeaderSize(int maxHeaderSize) {
            this.maxHeaderSize = positive(maxHeaderSize, "maxHeaderSize");
            return this;
        }

        public Builder maxInitialLineLength(int maxInitialLineLength) {
            this.maxInitialLineLength = positive(maxInitialLineLength, "maxInitialLineLength");
            return this;
        }

        public Builder maxBodySize(long maxBodySize) {
            if (maxBodySize < 0) {
                throw new IllegalArgumentException("maxBodySize must not be negative: " + maxBodySize);
            }
            this.maxBodySize = maxBodySize;
            return this;
        }

        public Builder http2(boolean http2) {
            this.http2 = http2;
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = nonNegative(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /** See {@link ServerConfig#shutdownGracePeriod()}; default zero. */
        public Builder shutdownGracePeriod(Duration gracePeriod) {
            this.shutdownGracePeriod = nonNegative(gracePeriod, "shutdownGracePeriod");
            return this;
        }

        /** See {@link ServerConfig#handleSignals()}; default true. */
        public Builder handleSignals(boolean handleSignals) {
            this.handleSignals = handleSignals;
            return this;
        }

        /**
         * Serves TLS with a ready-made server context. For HTTP/2 it must advertise ALPN with
         * {@code h2} and {@code http/1.1}; a context without ALPN serves HTTP/1.1 only.
         */
        public Builder tls(SslContext sslContext) {
            if (!Objects.requireNonNull(sslContext, "sslContext").isServer()) {
                throw new IllegalArgumentException("sslContext must be a server context");
            }
            this.sslContext = sslContext;
            this.tlsCertificateChain = null;
            this.tlsPrivateKey = null;
            return this;
        }

        /**
         * Serves TLS with a PEM certificate chain and an unencrypted PKCS#8 PEM private key. The
         * server builds the context at start, with ALPN offering h2 (when enabled) and http/1.1.
         */
        public Builder tls(Path certificateChainPem, Path privateKeyPem) {
            this.tlsCertificateChain = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.tlsPrivateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            this.sslContext = null;
            return this;
        }

        public Builder nativeTransport(boolean nativeTransport) {
            this.nativeTransport = nativeTransport;
            return this;
        }

        /** The {@code Server} header value; null sends none. Applications may set their own. */
        public Builder serverHeader(String serverHeader) {
            this.serverHeader = serverHeader;
            return this;
        }

        /** Largest WebSocket frame payload from a client, in bytes (default 1 MiB). */
        public Builder webSocketMaxFrameSize(int bytes) {
            this.webSocketMaxFrameSize = positive(bytes, "webSocketMaxFrameSize");
            return this;
        }

        /** Largest WebSocket message from a client, in bytes, fragments and compression undone (default 1 MiB). */
        public Builder webSocketMaxMessageSize(int bytes) {
            this.webSocketMaxMessageSize = positive(bytes, "webSocketMaxMessageSize");
            return this;
        }

        /** Whether to agree to permessage-deflate when a WebSocket client offers it (default true). */
        public Builder webSocketCompression(boolean enabled) {
            this.webSocketCompression = enabled;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}

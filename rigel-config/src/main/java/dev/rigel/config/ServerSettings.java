package dev.rigel.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded server's settings under {@code server.*}, with the server's own defaults. The
 * {@code rigel} command line turns them into the server's configuration; {@code run --host/--port}
 * are these keys.
 *
 * @param tlsCertificate with {@link #tlsPrivateKey()}, PEM files that make the server speak HTTPS
 */
public record ServerSettings(
        @Description("interface to listen on") @Default("127.0.0.1") @NotBlank
        String host,

        @Description("port to listen on, 0 for any free port") @Default("8000") @Min(0) @Max(65535)
        int port,

        @Description("I/O threads, 0 for one per core") @Default("0") @Min(0)
        int ioThreads,

        @Description("largest request body in bytes") @Default("10485760") @Min(0)
        long maxBodySize,

        @Description("largest request head in bytes") @Default("16384") @Min(1024)
        int maxHeaderSize,

        @Description("idle keep-alive connections are closed after this") @Default("60s")
        Duration idleTimeout,

        @Description("a request body must keep arriving within this") @Default("30s")
        Duration readTimeout,

        @Description("on stop, in-flight requests may finish within this") @Default("30s")
        Duration shutdownTimeout,

        @Description("on a stop signal, keep accepting connections this long first (for load balancers)") @Default("0s")
        Duration shutdownGracePeriod,

        @Description("serve HTTP/2 (h2 over TLS, h2c in the clear)") @Default("true")
        boolean http2,

        @Description("PEM certificate chain for HTTPS") Path tlsCertificate,
        @Description("PEM private key for HTTPS") Path tlsPrivateKey) {

    public ServerSettings {
        if ((tlsCertificate == null) != (tlsPrivateKey == null)) {
            throw new IllegalArgumentException(
                    "server.tls-certificate and server.tls-private-key are set together or not at all");
        }
    }
}

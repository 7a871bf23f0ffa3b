package dev.rigel.netty;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds the server's TLS context from the configuration, with ALPN set up for h2 and http/1.1. */
final class Tls {

    private Tls() {}

    /** The context to serve with, or null for cleartext. */
    static SslContext serverContext(ServerConfig config) {
        if (config.sslContext().isPresent()) {
            return config.sslContext().get();
        }
        if (config.tlsCertificateChain().isEmpty()) {
            return null;
        }
        String[] protocols = config.http2()
                ? new String[] {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1}
                : new String[] {ApplicationProtocolNames.HTTP_1_1};
        try {
            return SslContextBuilder.forServer(
                            config.tlsCertificateChain().get().toFile(),
                            config.tlsPrivateKey().get().toFile())
                    // The JDK provider does ALPN on every supported JDK and needs no native library.
                    .sslProvider(SslProvider.JDK)
                    // HTTP/2 forbids the weaker suites (RFC 9113 9.2.2); these suit HTTP/1.1 as well.
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            protocols))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the TLS certificate or key", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the TLS certificate or key: " + e.getMessage(), e);
        }
    }
}

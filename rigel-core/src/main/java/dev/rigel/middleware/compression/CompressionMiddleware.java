package dev.rigel.middleware.compression;

import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.middleware.Middleware;
import dev.rigel.middleware.compression.CompressionConfig.Algorithm;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses responses by {@code Accept-Encoding}; see {@link CompressionConfig} for the rules.
 * The codecs are made once, here; each response gets its own {@link CompressingSend}.
 */
public final class CompressionMiddleware extends AbstractMiddleware {

    private static final Logger LOG = LoggerFactory.getLogger(CompressionMiddleware.class);

    private final CompressionConfig config;
    private final List<Algorithm> offered;
    private final Map<Algorithm, Codec> codecs = new EnumMap<>(Algorithm.class);
    private final MediaTypes excludedTypes;

    public CompressionMiddleware(CompressionConfig config) {
        this.config = config;
        List<Algorithm> usable = new ArrayList<>();
        for (Algorithm algorithm : config.algorithms()) {
            Optional<String> unavailable = Codecs.unavailableReason(algorithm);
            if (unavailable.isPresent()) {
                // asked for by name, a missing algorithm is worth a warning; among the defaults it is expected
                if (config.algorithmsChosen()) {
                    LOG.warn("Compression: {} is switched off: {}", algorithm.token(), unavailable.get());
                } else {
                    LOG.debug("Compression: {} is not offered: {}", algorithm.token(), unavailable.get());
                }
                continue;
            }
            try {
                codecs.put(algorithm, Codecs.create(algorithm, config));
                usable.add(algorithm);
            } catch (Exception e) {
                LOG.warn("Compression: {} is switched off: {}", algorithm.token(), e.toString());
            }
        }
        this.offered = List.copyOf(usable);
        this.excludedTypes = new MediaTypes(config.excludedMediaTypes());
        // a WebSocket handshake has no body to compress
        scopes(ScopeType.HTTP);
        exclude(config.excludedPaths().toArray(String[]::new));
        config.excludeOptKeyName().ifPresent(this::excludeOptKey);
    }

    /** The algorithms this middleware really offers, in order of preference. */
    public List<Algorithm> offered() {
        return offered;
    }

    /** CPU work only. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        if (scope.method().equals("HEAD")) {
            // no body to compress, and guessing the compressed headers without one would mislead
            next.call(scope, receive, send);
            return;
        }
        Algorithm chosen = AcceptEncoding.choose(scope.headers().get("accept-encoding"), offered);
        Codec codec = chosen == null ? null : codecs.get(chosen);
        CompressingSend compressing = new CompressingSend(send, chosen, codec, config.minimumSize(), excludedTypes);
        Throwable failure = null;
        try {
            next.call(scope, receive, compressing);
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            Middleware.whenExchangeEnds(scope, failure, ignored -> compressing.abandon());
        }
    }

    @Override
    public String toString() {
        return "CompressionMiddleware" + offered;
    }

    /** One compression settings per route: a closer layer's replaces the app's. */
    @Override
    public Object overrideKey() {
        return CompressionMiddleware.class;
    }
}

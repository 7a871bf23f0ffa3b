package dev.rigel.security.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JWKS endpoint on an ephemeral port whose answer each test sets, counting the requests it gets. */
final class JwksServer implements AutoCloseable {

    final AtomicInteger requests = new AtomicInteger();
    volatile String body = "{\"keys\":[]}";
    volatile int status = 200;
    volatile long delayMillis;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private int port;

    JwksServer() throws IOException {
        start(0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/jwks.json");
    }

    /** Stops answering: connections are refused, as from a provider that is down. */
    void stop() {
        server.stop(0);
    }

    /** Answers again, on the same port. */
    void restart() throws IOException {
        start(port);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        server.setExecutor(executor);
        server.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up, or the server is stopping
            } finally {
                exchange.close();
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }

    // ---- JWK Set documents

    static String jwks(JWK... keys) {
        return "{\"keys\":["
                + String.join(",", Arrays.stream(keys).map(JWK::toJSONString).toList()) + "]}";
    }

    static JWK jwk(PublicKey key, String kid) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.P_256, ec)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
        }
        byte[] spki = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw))
                .keyID(kid)
                .build();
    }

    /** A JWK as a map, to change its members by hand. */
    static Map<String, Object> json(JWK jwk) {
        return jwk.toJSONObject();
    }

    static String jwksOfMaps(List<Map<String, Object>> keys) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("keys", keys));
    }
}

package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.http.HandlerInfo;
import dev.rigel.protocol.ScopeType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The requests of a {@code train} run: GETs to the app's own server, answered or not, any status. */
final class TrainingRequests {

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]*}");

    /** How many requests were answered and how long they took. */
    record Result(int requests, long millis) {}

    private final String baseUrl;
    private final List<String> headers;
    private final HttpClient client;

    TrainingRequests(String baseUrl, List<String> headers) {
        this.baseUrl = baseUrl;
        this.headers = List.copyOf(headers);
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (baseUrl.startsWith("https:")) {
            // the client talks to the server this process has just started on loopback: its own
            // certificate, which a development setup has not made a trusted one
            builder.sslContext(trustingItself());
        }
        this.client = builder.build();
    }

    /**
     * The path of every GET route the app documents (its API: not the OpenAPI document and viewers,
     * which a plugin adds and requests seldom reach), each path parameter set to {@code 1} (a valid
     * int, string and path).
     */
    static List<String> defaultPaths(App app) {
        return app.routes().stream()
                .filter(route ->
                        route.scopeType() == ScopeType.HTTP && route.methods().contains("GET"))
                .filter(HandlerInfo::includeInSchema)
                .map(HandlerInfo::pathTemplate)
                .map(template -> PARAMETER.matcher(template).replaceAll("1"))
                .distinct()
                .sorted()
                .toList();
    }

    /** GETs every path {@code rounds} times; fails on the first request that gets no answer. */
    Result send(List<String> paths, int rounds) throws InterruptedException {
        long start = System.nanoTime();
        int sent = 0;
        for (int round = 0; round < rounds; round++) {
            for (String path : paths) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET();
                for (String header : headers) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("a header is 'Name: value', not '" + header + "'");
                    }
                    request.header(
                            header.substring(0, colon).trim(),
                            header.substring(colon + 1).trim());
                }
                try {
                    client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new IllegalStateException("GET " + path + " got no answer", e);
                }
                sent++;
            }
        }
        return new Result(sent, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private static SSLContext trustingItself() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client for the training requests", e);
        }
    }
}

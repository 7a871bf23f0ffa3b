package dev.rigel.benchmarks.jmh;

import dev.rigel.internal.text.CookieParser;
import dev.rigel.protocol.Headers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rigel's request {@link Headers} with the fields a browser sends: filling it field by field as the
 * server does for each request, looking up a present, a late and an absent field (names in a
 * different case), and parsing the cookie header.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeadersBenchmark {

    static final String[] BROWSER = {
        "Host", "localhost:8000",
        "Connection", "keep-alive",
        "sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"",
        "Accept", "application/json, text/plain, */*",
        "Authorization", "Bearer dev-token",
        "sec-ch-ua-mobile", "?0",
        "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "sec-ch-ua-platform", "\"Linux\"",
        "Sec-Fetch-Site", "same-origin",
        "Sec-Fetch-Mode", "cors",
        "Sec-Fetch-Dest", "empty",
        "Referer", "http://localhost:8000/app/users",
        "Accept-Encoding", "gzip, deflate, br, zstd",
        "Accept-Language", "en-GB,en;q=0.9",
        "Cookie",
                "session_id=5f2b8c1e9a7d4e3f8b6a1c2d3e4f5a6b; theme=dark; _ga=GA1.1.1234567890.1700000000; consent=analytics%3Dfalse",
    };

    Headers filled;

    @Setup
    public void setup() {
        filled = fill();
    }

    @Benchmark
    public Headers fill() {
        Headers h = new Headers(BROWSER.length / 2);
        for (int i = 0; i < BROWSER.length; i += 2) {
            h.add(BROWSER[i], BROWSER[i + 1]);
        }
        return h;
    }

    @Benchmark
    public String getAuthorization() {
        return filled.get("authorization");
    }

    @Benchmark
    public String getCookieLast() {
        return filled.get("cookie");
    }

    @Benchmark
    public String getAbsent() {
        return filled.get("x-trace-id");
    }

    @Benchmark
    public Map<String, String> parseCookies() {
        return CookieParser.parse(List.of(filled.get("cookie")));
    }
}

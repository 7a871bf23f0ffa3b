package dev.rigel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.DTOData;
import dev.rigel.dto.RecordDTO;
import dev.rigel.form.Form;
import dev.rigel.form.FormData;
import dev.rigel.http.Request;
import dev.rigel.middleware.compression.CompressionConfig;
import dev.rigel.staticfiles.StaticFiles;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestRequest;
import dev.rigel.testing.TestResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A whole request, as a client could send it, through the app in-process: routing, path and
 * query decoding, header, cookie and body binding, validation, content negotiation, compression
 * and static files with ranges. Whatever arrives, the answer is never a 5xx (the TestClient also
 * re-throws any exception the app failed with), and it comes within the time limit.
 *
 * <p>An input is an HTTP/1.1 request without the version: {@code METHOD target}, header lines up
 * to an empty line, then the body. What a real server refuses before the app sees it (bytes
 * outside visible ASCII in the target, invalid header names, CR/LF/NUL in header values) is
 * percent-encoded or dropped, so the app gets what Netty would hand it.
 */
class EndToEndFuzzTest {

    enum Sort {
        NEWEST,
        OLDEST
    }

    record Line(@NotBlank String sku, @Min(1) int qty, BigDecimal price) {}

    record Order(
            Long id,
            @NotBlank String name,
            @Email String email,
            LocalDate day,
            Instant at,
            Sort sort,
            @Size(max = 5) List<@Valid Line> lines,
            Map<String, Integer> tags) {}

    record Signup(
            @NotBlank String username,
            @Email String email,
            @Min(18) int age,
            Optional<String> note) {}

    static class OrderIn extends RecordDTO<Order> {
        OrderIn() {
            super(DTOConfig.builder().exclude("id").forbidUnknownFields(true).build());
        }
    }

    public static class Handlers {
        @Get("/users/{id:int}")
        public String user(
                int id,
                @Param(required = false) Integer limit,
                Optional<LocalDate> since,
                List<Integer> ids,
                @Param(defaultValue = "newest") Sort sort,
                @Param(header = "x-count", defaultValue = "0") int count,
                @Param(cookie = "session", required = false) Long session) {
            return id + " " + limit + " " + since + " " + ids + " " + sort + " " + count + " " + session;
        }

        @Get("/things/{ref:uuid}/{at:datetime}/{rest:path}")
        public String thing(UUID ref, Object at, String rest, @Param(required = false) BigDecimal amount) {
            return ref + " " + at + " " + rest + " " + amount;
        }

        @Get("/times")
        public String times(
                @Param(required = false) LocalDateTime at,
                @Param(required = false) Duration within,
                @Param(required = false) Instant ts,
                @Param(required = false) Double ratio,
                @Param(required = false) Boolean flag) {
            return at + " " + within + " " + ts + " " + ratio + " " + flag;
        }

        @Post("/orders")
        public Order order(Order data) {
            return data;
        }

        @Post(value = "/orders/dto", dto = OrderIn.class)
        public Order orderDto(DTOData<Order> data) {
            return data.create();
        }

        @Put("/orders/many")
        public int orders(List<Order> data) {
            return data.size();
        }

        @Post("/signup")
        public Signup signup(@Form Signup data) {
            return data;
        }

        @Post("/forms")
        public Map<String, Object> forms(Request request) {
            FormData form = request.form();
            return Map.of(
                    "fields", form.fields().keySet(), "files", form.files().size());
        }

        @Post("/text")
        public String text(String data) {
            return data;
        }

        @Get("/negotiate")
        public String negotiate(Request request) {
            return request.accepts("application/json", "text/html").orElse("none");
        }
    }

    private static final Path SITE = site();

    private static final TestClient CLIENT = TestClient.of(App.builder()
            .routeHandlers(
                    new Handlers(),
                    StaticFiles.builder("/static").directories(SITE).build())
            .compression(CompressionConfig.defaults().minimumSize(16))
            .build());

    @FuzzTest
    void neverAnswersWithA5xx(byte[] data) {
        TestRequest request = request(data);
        if (request == null) {
            return; // no request line a client could send
        }
        TestResponse response = assertTimeoutPreemptively(Duration.ofSeconds(10), request::send);
        if (response.status() == 501 && !HTTP_METHODS.contains(method(data))) {
            return; // a method HTTP does not define and no route declares: 501 is the defined answer
        }
        assertThat(response.status()).as("status for %s", response.text()).isLessThan(500);
    }

    private static final java.util.Set<String> HTTP_METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private static String method(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** The request in {@code data}, as a real server would pass it on, or null. */
    static TestRequest request(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1); // header bytes are Latin-1 to Netty
        int headEnd = text.indexOf("\n\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        byte[] body = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(data, headEnd + 2, data.length);
        String[] lines = head.split("\n", -1);
        int space = lines[0].indexOf(' ');
        if (space <= 0 || !isToken(lines[0].substring(0, space))) {
            return null;
        }
        String method = lines[0].substring(0, space);
        String target = visibleAscii(lines[0].substring(space + 1).strip());
        if (!target.startsWith("/")) {
            target = "/" + target;
        }
        TestRequest request = CLIENT.request(method, target);
        String contentType = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !isToken(lines[i].substring(0, colon))) {
                continue;
            }
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1).strip().replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f]", "");
            if (name.equalsIgnoreCase("content-type")) {
                contentType = value;
            } else if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
                request.header(name, value); // framing is the server's business, not the app's
            }
        }
        return request.body(body, contentType);
    }

    /** Percent-encodes what may not appear in a request target, as a client library would. */
    private static String visibleAscii(String target) {
        StringBuilder out = new StringBuilder(target.length());
        for (byte b : target.getBytes(StandardCharsets.ISO_8859_1)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '#') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static Path site() {
        try {
            Path dir = Files.createTempDirectory("rigel-e2e-fuzz");
            Files.writeString(dir.resolve("index.html"), "<h1>hello</h1>\n".repeat(40));
            Files.write(dir.resolve("data.bin"), new byte[1000]);
            Files.createDirectories(dir.resolve("css"));
            Files.writeString(dir.resolve("css/site.css"), "body { color: red }\n");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

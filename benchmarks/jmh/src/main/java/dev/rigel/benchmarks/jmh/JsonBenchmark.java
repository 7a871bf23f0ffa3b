package dev.rigel.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.internal.json.JsonBodies;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JSON encode and decode of the seed's user DTOs: plain Jackson ({@code writeValueAsBytes} /
 * {@code readValue}) against Rigel's codec, and against Rigel's whole response path (a route that
 * returns the DTO, called through {@link App#call}, so routing and response framing are included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonBenchmark {

    static final BenchUser USER = new BenchUser(1, "Ada Lovelace", "ada@example.com", "2026-01-01T00:00:00Z");
    static final List<BenchUser> USERS = List.of(
            USER,
            new BenchUser(2, "Alan Turing", "alan@example.com", "2026-01-01T00:00:01Z"),
            new BenchUser(3, "Grace Hopper", "grace@example.com", "2026-01-01T00:00:02Z"));
    static final byte[] CREATE =
            "{\"name\":\"Grace Hopper\",\"email\":\"grace@example.com\",\"password\":\"compiler-first\"}"
                    .getBytes(StandardCharsets.UTF_8);

    static final byte[] CREATE_NON_ASCII =
            "{\"name\":\"Gr\u00e2ce H\u00f6pper \u4e2d\",\"email\":\"grace@example.com\",\"password\":\"c\u00f6mpiler-first\"}"
                    .getBytes(StandardCharsets.UTF_8);

    ObjectMapper jackson;
    JsonCodec codec;
    ObjectWriter codecWriter;
    App app;
    Headers headers;
    Exchanges.FixedReceive empty;
    Exchanges.RecordingSend send;

    @Setup
    public void setup() throws Exception {
        jackson = new ObjectMapper();
        codec = new JsonCodec(mapper -> {});
        codecWriter = codec.writer(BenchUser.class);
        app = App.builder()
                .routeHandlers(Route.get("/user", () -> USER).nonBlocking())
                .build();
        app.startup();
        headers = Headers.of("host", "localhost");
        empty = new Exchanges.FixedReceive(Message.EMPTY);
        send = new Exchanges.RecordingSend();
        Exchanges.expect(app, Exchanges.scope("GET", "/user", "", headers), empty, 200);
        String viaRigel = new String(send(), StandardCharsets.UTF_8);
        String viaJackson = new String(jackson.writeValueAsBytes(USER), StandardCharsets.UTF_8);
        if (!viaRigel.equals(viaJackson)) {
            throw new IllegalStateException("Rigel wrote " + viaRigel + " but Jackson " + viaJackson);
        }
    }

    private byte[] send() throws Exception {
        app.call(Exchanges.scope("GET", "/user", "", headers), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] encodeJackson() throws Exception {
        return jackson.writeValueAsBytes(USER);
    }

    @Benchmark
    public byte[] encodeRigelCodec() {
        return codec.encode(codecWriter, USER);
    }

    @Benchmark
    public byte[] encodeRigelResponsePath() throws Exception {
        return send();
    }

    @Benchmark
    public byte[] encodeListJackson() throws Exception {
        return jackson.writeValueAsBytes(USERS);
    }

    @Benchmark
    public byte[] encodeListRigelCodec() {
        return codec.encode(USERS);
    }

    @Benchmark
    public UserCreate decodeJackson() throws Exception {
        return jackson.readValue(CREATE, UserCreate.class);
    }

    /** The request body checks a JSON body passes before decoding (issue 21): declared type, then UTF-8. */
    @Benchmark
    public byte[] bodyChecks() {
        JsonBodies.requireJsonType("application/json");
        JsonBodies.requireUtf8(CREATE);
        return CREATE;
    }

    /** The same on a body whose text is not ASCII, which takes the multi-byte path. */
    @Benchmark
    public byte[] bodyChecksNonAscii() {
        JsonBodies.requireJsonType("application/json; charset=utf-8");
        JsonBodies.requireUtf8(CREATE_NON_ASCII);
        return CREATE_NON_ASCII;
    }

    /** A type with a parameter no fast path knows: the media type is parsed. */
    @Benchmark
    public byte[] bodyChecksParsedType() {
        JsonBodies.requireJsonType("application/vnd.api+json; charset=UTF-8");
        JsonBodies.requireUtf8(CREATE);
        return CREATE;
    }

    @Benchmark
    public Object decodeRigelCodec() {
        return codec.decode(codec.reader(UserCreate.class), CREATE, "POST", "/users");
    }
}

package dev.rigel.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.dto.DTOCodec;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.RecordDTO;
import dev.rigel.internal.json.JsonCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode of a 10-field record through a compiled DTO (all fields, the app mapper's
 * defaults) against plain Jackson databind of the same record with the same mapper: the DTO's
 * goal is to stay within 1.3x of databind. Decoding through the DTO includes making the record
 * ({@code decode(…).create()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DtoBenchmark {

    /** Ten fields of the kinds models usually have: ids, text, numbers, a flag, a timestamp. */
    public record Profile(
            long id,
            String name,
            String email,
            int age,
            boolean active,
            double score,
            Instant createdAt,
            String city,
            String country,
            long version) {}

    static final Profile PROFILE = new Profile(
            42,
            "Ada Lovelace",
            "ada@example.com",
            36,
            true,
            98.5,
            Instant.parse("2026-01-02T03:04:05Z"),
            "London",
            "United Kingdom",
            7);

    ObjectWriter jacksonWriter;
    ObjectReader jacksonReader;
    DTOCodec<Profile> dto;
    byte[] json;

    @Setup
    public void setup() throws Exception {
        ObjectMapper mapper = new JsonCodec(null).mapper();
        jacksonWriter = mapper.writerFor(Profile.class);
        jacksonReader = mapper.readerFor(Profile.class);
        dto = RecordDTO.of(Profile.class, DTOConfig.defaults()).compile(mapper);
        json = jacksonWriter.writeValueAsBytes(PROFILE);
        if (!Arrays.equals(dto.encode(PROFILE), json)) {
            throw new IllegalStateException(
                    "the DTO writes " + new String(dto.encode(PROFILE)) + " but Jackson " + new String(json));
        }
        if (!dto.decode(json).create().equals(PROFILE)
                || !jacksonReader.readValue(json).equals(PROFILE)) {
            throw new IllegalStateException("decoding does not give the record back");
        }
    }

    @Benchmark
    public byte[] encodeJackson() throws Exception {
        return jacksonWriter.writeValueAsBytes(PROFILE);
    }

    @Benchmark
    public byte[] encodeDto() {
        return dto.encode(PROFILE);
    }

    @Benchmark
    public Profile decodeJackson() throws Exception {
        return jacksonReader.readValue(json);
    }

    @Benchmark
    public Profile decodeDto() {
        return dto.decode(json).create();
    }
}

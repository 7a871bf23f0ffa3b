package dev.rigel.benchmarks.jmh;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed app's {@code UserView} shape, snake_case on the wire. */
public record BenchUser(
        long id,
        String name,
        String email,
        @JsonProperty("created_at") String createdAt) {}

package dev.rigel.benchmarks.jmh;

/** A request body decoded into a DTO: the seed's {@code UserCreate} shape. */
public record UserCreate(String name, String email, String password) {}

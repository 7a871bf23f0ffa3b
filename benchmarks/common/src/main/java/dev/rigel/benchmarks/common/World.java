package dev.rigel.benchmarks.common;

/** A row of TechEmpower's {@code world} table, as {@code /db}, {@code /queries} and {@code /updates} answer it. */
public record World(int id, int randomNumber) implements Comparable<World> {

    /** By id: the order updates are written in, so that two concurrent batches never wait on each other's rows. */
    @Override
    public int compareTo(World other) {
        return Integer.compare(id, other.id);
    }
}

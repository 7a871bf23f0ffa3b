package dev.rigel.benchmarks.common;

/** A row of TechEmpower's {@code fortune} table; sorted by message for the fortunes page. */
public record Fortune(int id, String message) implements Comparable<Fortune> {

    @Override
    public int compareTo(Fortune other) {
        return message.compareTo(other.message);
    }
}

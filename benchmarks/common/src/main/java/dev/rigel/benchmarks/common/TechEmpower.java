package dev.rigel.benchmarks.common;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The fixed parts of TechEmpower's database tests that every contender shares: where the tables
 * are, random ids and numbers, the {@code queries} parameter rule, and the fortune added at
 * request time. The tables are made by {@code benchmarks/techempower/setup.sql}.
 */
public final class TechEmpower {

    /** The rows of {@code world}, ids 1..10000; random numbers are in the same range. */
    public static final int WORLD_ROWS = 10_000;

    /** The fortune every {@code /fortunes} answer adds before sorting. */
    public static final Fortune ADDED_FORTUNE = new Fortune(0, "Additional fortune added at request time.");

    /** The schema (in database {@code test}) that holds {@code world} and {@code fortune}. */
    public static final String SCHEMA = "techempower";

    private TechEmpower() {}

    /**
     * The database: {@code TFB_DATABASE_URL} if set, else the local PostgreSQL's database {@code test}
     * as user {@code postgres}, with {@code search_path} on {@link #SCHEMA}, as a
     * {@code postgresql://} URL (Rigel's and the harness's form).
     */
    public static String databaseUrl() {
        String url = System.getenv("TFB_DATABASE_URL");
        return url != null && !url.isBlank()
                ? url
                : "postgresql://postgres@127.0.0.1:5432/test?currentSchema=" + SCHEMA;
    }

    /** {@link #databaseUrl()} as a JDBC URL with the user in it. */
    public static String jdbcUrl() {
        String url = databaseUrl();
        if (url.startsWith("jdbc:")) {
            return url;
        }
        // postgresql://user[:password]@host:port/db?params -> jdbc:postgresql://host:port/db?params&user=…
        String rest = url.substring("postgresql://".length());
        int at = rest.indexOf('@');
        String credentials = at < 0 ? "" : rest.substring(0, at);
        String hostAndPath = at < 0 ? rest : rest.substring(at + 1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostAndPath);
        if (!credentials.isEmpty()) {
            int colon = credentials.indexOf(':');
            jdbc.append(hostAndPath.contains("?") ? '&' : '?')
                    .append("user=")
                    .append(colon < 0 ? credentials : credentials.substring(0, colon));
            if (colon >= 0) {
                jdbc.append("&password=").append(credentials.substring(colon + 1));
            }
        }
        return jdbc.toString();
    }

    /** A random id of {@code world}, 1..10000. */
    public static int randomId() {
        return ThreadLocalRandom.current().nextInt(1, WORLD_ROWS + 1);
    }

    /** A random number for {@code randomNumber}, 1..10000. */
    public static int randomNumber() {
        return ThreadLocalRandom.current().nextInt(1, WORLD_ROWS + 1);
    }

    /**
     * A new random number for a row whose number is {@code old}: 1..10000 and never {@code old}, so
     * that every row an update request reads really changes (the rule's checker counts changed rows).
     */
    public static int newRandomNumber(int old) {
        int next;
        do {
            next = randomNumber();
        } while (next == old);
        return next;
    }

    /** The {@code queries} parameter's rule: missing or not a number is 1; otherwise clamped to 1..500. */
    public static int queries(String value) {
        if (value == null || value.isEmpty()) {
            return 1;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
        return Math.min(500, Math.max(1, n));
    }
}

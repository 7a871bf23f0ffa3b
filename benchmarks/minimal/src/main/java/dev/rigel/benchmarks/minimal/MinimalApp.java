package dev.rigel.benchmarks.minimal;

import dev.rigel.App;
import dev.rigel.benchmarks.common.RigelBenchApp;
import dev.rigel.cli.Rigel;

/**
 * A minimal Rigel app as one ships: four routes ({@code /plaintext}, {@code /json},
 * {@code /api/v1/users} and {@code /api/v1/users/{user_id:int}} behind a bearer token, users from
 * memory), no SQL, and the {@code rigel} command line as its main, so {@code java -jar
 * benchmarks-minimal.jar --port 8000} serves it and {@code train} is its AOT cache's training run.
 * The load harness measures its startup and memory as {@code rigel-min} (see benchmarks/README.md).
 */
public final class MinimalApp {

    private MinimalApp() {}

    /** The benchmark app, handlers on virtual threads (Rigel's default). */
    public static App create() {
        return RigelBenchApp.create(false);
    }

    public static void main(String[] args) {
        Rigel.cli(MinimalApp::create, args);
    }
}

package dev.rigel.examples.seed;

import dev.rigel.cli.Rigel;

/**
 * The seed app's command line: {@code java -jar seed-app.jar} serves it (flags, environment
 * variables and {@code application.yaml} set {@link SeedSettings} and the server's settings), and
 * {@code routes}, {@code schema openapi}, {@code info}, {@code version} and {@code --help} are there
 * too. The server stops gracefully on Ctrl-C / SIGTERM.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Rigel.cli(SeedSettings.class, SeedApp::create, args);
    }
}

package ${package};

import dev.rigel.cli.Rigel;

/**
 * The app's command line: {@code java -jar target/app.jar} serves it; {@code routes},
 * {@code schema openapi}, {@code info} and {@code --help} show what it has.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Rigel.cli(Settings.class, WebApp::create, args);
    }
}

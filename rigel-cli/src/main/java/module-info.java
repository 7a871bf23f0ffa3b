/**
 * The {@code rigel} command line an app's {@code main} hands its arguments to: {@code run},
 * {@code train}, {@code routes}, {@code schema openapi}, {@code info}, {@code version}, {@code sessions}, and a
 * shell completion script, with the app's settings as options (on picocli).
 */
module dev.rigel.cli {
    requires transitive dev.rigel.core;
    requires transitive dev.rigel.config;
    requires transitive dev.rigel.netty;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // `train` reads the JVM's AOT cache flags and sends its requests with the JDK's HTTP client
    requires jdk.management;
    requires java.net.http;
    // `schema openapi` writes the app's document when rigel-openapi is on the path
    requires static dev.rigel.openapi;
    // the default logging configuration, for apps on logback without a logback.xml; found as a
    // service on the class path (META-INF/services), where an app's jar runs
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;

    exports dev.rigel.cli;
    exports dev.rigel.cli.logging;

    // picocli reads the commands' annotated fields and calls them reflectively
    opens dev.rigel.cli.internal to
            info.picocli;
}

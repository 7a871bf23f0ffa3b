/** Rigel's test client (in-process and over HTTP) and JUnit 5 extension. */
module dev.rigel.testing {
    requires transitive dev.rigel.core;
    // the JDK's HTTP and WebSocket client, for tests against a real server
    requires java.net.http;
    // RigelExtension is a JUnit 5 extension (its API shows JUnit's types); JUnit is an optional
    // dependency, present wherever tests use the extension
    requires static transitive org.junit.jupiter.api;

    exports dev.rigel.testing;
}

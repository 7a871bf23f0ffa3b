/** Rigel's test client (in-process and over HTTP) and JUnit 5 extension. */
module dev.rigel.testing {
    requires transitive dev.rigel.core;
    // the JDK's HTTP and WebSocket client, for tests against a real server
    requires java.net.http;
    // RigelExtension is a JUnit 5 extension (its API shows JUnit's types); JUnit is an optional
    // dependency, present wherever tests use the extension
    requires static transitive org.junit.jupiter.api;
    // TestClient.live starts Rigel's server when the app's tests have it (optional dependency)
    requires static dev.rigel.netty;

    exports dev.rigel.testing;
}

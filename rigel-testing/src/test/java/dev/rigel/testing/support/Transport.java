package dev.rigel.testing.support;

/**
 * How a behaviour test reaches the app: in-process through the TestClient, or over a real socket
 * to the Netty server on an ephemeral port. Tests parameterized over this enum run both ways.
 */
public enum Transport {
    IN_PROCESS,
    REAL_SERVER
}

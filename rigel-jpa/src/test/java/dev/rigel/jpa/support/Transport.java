package dev.rigel.jpa.support;

/** How a behaviour test reaches the app: in-process through the TestClient, or over a socket to the Netty server. */
public enum Transport {
    IN_PROCESS,
    REAL_SERVER
}

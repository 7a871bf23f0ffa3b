package dev.rigel.jpa;

import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.testing.TestClient;
import org.junit.jupiter.api.AfterEach;

/**
 * A test that opens a scratch database (H2 or PostgreSQL) and a client on an app using it; both
 * are closed after each test, client first, so the app lets go of its pool before the database
 * is dropped.
 */
abstract class ScratchDatabaseTest {

    protected TestDatabase.Scratch database;
    protected TestClient client;

    @AfterEach
    void closeClientAndDatabase() {
        if (client != null) {
            client.close();
        }
        if (database != null) {
            database.close();
        }
    }
}

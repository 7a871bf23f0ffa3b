package dev.rigel.pgclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.exceptions.HttpException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }

    @Test
    void constraintViolationsAre409() {
        assertThat(PgErrors.translate(pg("23505")).statusCode()).isEqualTo(409);
        assertThat(PgErrors.translate(pg("23503")).statusCode()).isEqualTo(409);
    }

    @Test
    void theDatabaseOrThePoolNotAnsweringIs503() {
        for (Throwable failure : new Throwable[] {
            pg("57014"),
            pg("57P01"),
            pg("08006"),
            new ConnectionPoolTooBusyException("full"),
            new VertxException("Timeout waiting for connection", true),
            ClosedConnectionException.INSTANCE,
            new ConnectException("refused"),
            new RuntimeException("wrapped", new ConnectException("refused"))
        }) {
            HttpException translated = PgErrors.translate(failure);
            assertThat(translated).as(failure.toString()).isNotNull();
            assertThat(translated.statusCode()).isEqualTo(503);
            assertThat(translated.headers()).containsKey("Retry-After");
        }
    }

    @Test
    void otherFailuresAreLeftToThe500() {
        assertThat(PgErrors.translate(pg("42P01"))).isNull(); // a missing table is the app's bug
        assertThat(PgErrors.translate(new TimeoutException("the app's own"))).isNull();
        assertThat(PgErrors.translate(new IllegalStateException("x"))).isNull();
        assertThat(PgErrors.translate(new VertxException("something else"))).isNull();
    }
}

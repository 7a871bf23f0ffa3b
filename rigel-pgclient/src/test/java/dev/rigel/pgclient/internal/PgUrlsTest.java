package dev.rigel.pgclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;

class PgUrlsTest {

    @Test
    void readsThePartsOfAPostgresqlUrl() {
        PgConnectOptions options = PgUrls.options("postgresql://app:secret@db.internal:6543/shop");
        assertThat(options.getHost()).isEqualTo("db.internal");
        assertThat(options.getPort()).isEqualTo(6543);
        assertThat(options.getUser()).isEqualTo("app");
        assertThat(options.getPassword()).isEqualTo("secret");
        assertThat(options.getDatabase()).isEqualTo("shop");
    }

    @Test
    void acceptsJdbcInFrontAndTurnsCurrentSchemaIntoTheSearchPath() {
        PgConnectOptions options =
                PgUrls.options("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=sales&application_name=shop");
        assertThat(options.getDatabase()).isEqualTo("test");
        assertThat(options.getProperties())
                .containsEntry("search_path", "sales")
                .containsEntry("application_name", "shop")
                .doesNotContainKey("currentschema");
    }

    @Test
    void masksThePasswordOnly() {
        assertThat(PgUrls.masked("postgresql://app:secret@db/shop")).isEqualTo("postgresql://app:***@db/shop");
        assertThat(PgUrls.masked("postgresql://app@db/shop")).isEqualTo("postgresql://app@db/shop");
        assertThat(PgUrls.masked("postgresql://db:5432/shop")).isEqualTo("postgresql://db:5432/shop");
    }
}

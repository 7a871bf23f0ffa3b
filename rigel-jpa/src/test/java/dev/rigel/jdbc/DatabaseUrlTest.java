package dev.rigel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DATABASE_URL and friends: both URL forms, credentials, and which setting wins. */
class DatabaseUrlTest {

    @Test
    void jdbcUrlsPassThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db.internal:5433/shop?user=app&sslmode=require");
        assertThat(url)
                .isEqualTo(new DatabaseUrl(
                        "jdbc:postgresql://db.internal:5433/shop?user=app&sslmode=require", null, null));
        assertThat(DatabaseUrl.parse("  jdbc:h2:mem:test ").jdbcUrl()).isEqualTo("jdbc:h2:mem:test");
        assertThat(DatabaseUrl.parse("JDBC:h2:mem:test").jdbcUrl()).isEqualTo("jdbc:h2:mem:test");
    }

    @Test
    void postgresqlUrlsBecomeJdbcUrlsWithTheCredentialsTakenOut() {
        assertThat(DatabaseUrl.parse("postgresql://app:secret@db.internal:5433/shop"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:5433/shop", "app", "secret"));
        assertThat(DatabaseUrl.parse("postgres://app@localhost/shop?sslmode=require&application_name=rigel"))
                .isEqualTo(new DatabaseUrl(
                        "jdbc:postgresql://localhost/shop?sslmode=require&application_name=rigel", "app", null));
        assertThat(DatabaseUrl.parse("postgresql://127.0.0.1:5432/test"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test", null, null));
        assertThat(DatabaseUrl.parse("POSTGRESQL://db/shop").jdbcUrl()).isEqualTo("jdbc:postgresql://db/shop");
    }

    @Test
    void credentialsArePercentDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Fo+rd@db:5432/shop");
        assertThat(url.user()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p@ss:w/o+rd");
        assertThat(DatabaseUrl.parse("postgresql://app:@db/shop").password()).isEmpty();
    }

    @Test
    void hostsDatabasesAndPortsMayBeLeftOut() {
        assertThat(DatabaseUrl.parse("postgresql://app:pw@[::1]:5432/shop").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/shop");
        assertThat(DatabaseUrl.parse("postgresql:///shop").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/shop");
        assertThat(DatabaseUrl.parse("postgresql://db").jdbcUrl()).isEqualTo("jdbc:postgresql://db/");
    }

    @Test
    void otherUrlsAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/shop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported database URL mysql://root:***@db/shop")
                .hasMessageContaining("postgresql://user:password@host:port/database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:a b@db/shop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percent-encode")
                .hasMessageNotContaining("a b");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessage("The database URL is empty");
        assertThatThrownBy(() -> DatabaseUrl.parse("localhost:5432")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringMasksPasswords() {
        assertThat(DatabaseUrl.parse("postgresql://app:secret@db/shop"))
                .hasToString("jdbc:postgresql://db/shop (user app)");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db/shop?user=app&password=secret&ssl=true"))
                .hasToString("jdbc:postgresql://db/shop?user=app&password=***&ssl=true");
        assertThat(DatabaseUrl.mask("jdbc:h2:mem:x;PASSWORD=secret")).isEqualTo("jdbc:h2:mem:x;PASSWORD=***");
    }

    // ---- which setting wins ----

    static DataSourceConfig resolve(java.util.function.Consumer<JdbcConfig.Builder> configure) {
        JdbcConfig.Builder builder = JdbcConfig.builder();
        configure.accept(builder);
        return builder.build().dataSource();
    }

    @Test
    void databaseUrlFromTheEnvironmentIsUsedWhenNoUrlIsConfigured() {
        DataSourceConfig fromEnvironment =
                resolve(b -> b.environment(Map.of("DATABASE_URL", "postgresql://app:secret@db:5432/shop")));
        assertThat(fromEnvironment.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/shop", "app", "secret"));
        assertThat(fromEnvironment.embedded()).isFalse();

        DataSourceConfig configured = resolve(b ->
                b.environment(Map.of("DATABASE_URL", "postgresql://db/other")).url("jdbc:h2:mem:configured"));
        assertThat(configured.url().jdbcUrl()).isEqualTo("jdbc:h2:mem:configured");

        DataSourceConfig file = resolve(b ->
                b.environment(Map.of("DATABASE_URL", "postgresql://db/other")).h2File(Path.of("data", "app")));
        assertThat(file.url().jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + Path.of("data", "app").toAbsolutePath());
    }

    @Test
    void withoutAnyUrlTheDefaultIsEmbeddedH2() {
        assertThat(resolve(b -> b.environment(Map.of())).embedded()).isTrue();
        assertThat(resolve(b -> b.environment(Map.of("DATABASE_URL", " "))).embedded())
                .isTrue();
    }

    @Test
    void configuredCredentialsOverrideTheUrls() {
        DataSourceConfig config =
                resolve(b -> b.url("postgresql://app:secret@db/shop").password("rotated"));
        assertThat(config.url()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db/shop", "app", "rotated"));
        assertThat(resolve(b -> b.url("jdbc:postgresql://db/shop").user("reader"))
                        .url()
                        .user())
                .isEqualTo("reader");
    }

    @Test
    void badSettingsAreRefusedEarly() {
        assertThatThrownBy(() -> resolve(b -> b.environment(Map.of("DATABASE_URL", "redis://cache"))))
                .hasMessageStartingWith("DATABASE_URL: Unsupported database URL redis://cache");
        assertThatThrownBy(() -> JdbcConfig.builder().url("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolve(b -> b.maxPoolSize(0))).hasMessageContaining("maxPoolSize");
        assertThatThrownBy(() -> resolve(b -> b.maxPoolSize(2).minIdle(3))).hasMessageContaining("minIdle");
        assertThatThrownBy(() -> resolve(b -> b.connectionTimeout(java.time.Duration.ofMillis(100))))
                .hasMessageContaining("250 ms");
        assertThatThrownBy(() -> resolve(b -> b.dataSourceKey("db").connectionKey("db")))
                .hasMessageContaining("different keys");
    }
}

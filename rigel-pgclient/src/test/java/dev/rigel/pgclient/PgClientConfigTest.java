package dev.rigel.pgclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgClientConfigTest {

    @Test
    void defaultsSuitAPipeliningPool() {
        PgClientConfig config =
                PgClientConfig.builder().url("postgresql://app@db/shop").build();
        assertThat(config.maxSize()).isEqualTo(4);
        assertThat(config.pipeliningLimit()).isEqualTo(256);
        assertThat(config.maxWaitQueueSize()).isEqualTo(1024);
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.clientKey()).isEqualTo("pgClient");
        assertThat(config.poolKey()).isEqualTo("pgPool");
        assertThat(config.translateErrors()).isTrue();
    }

    @Test
    void withoutAUrlTheEnvironmentsDatabaseUrlIsUsed() {
        PgClientConfig config = PgClientConfig.builder()
                .environment(Map.of("DATABASE_URL", "postgresql://app@db/shop"))
                .build();
        assertThat(config.url()).isEqualTo("postgresql://app@db/shop");
    }

    @Test
    void noUrlAtAllIsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> PgClientConfig.builder().environment(Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> PgClientConfig.builder()
                        .url("postgresql://db/x")
                        .poolKey("pgClient")
                        .build())
                .hasMessageContaining("different keys");
        assertThatThrownBy(() -> PgClientConfig.builder()
                        .url("postgresql://db/x")
                        .maxSize(0)
                        .build())
                .hasMessageContaining("maxSize");
        assertThatThrownBy(() -> PgClientConfig.builder()
                        .url("postgresql://db/x")
                        .connectionTimeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("connectionTimeout");
        assertThatThrownBy(() -> PgClientConfig.builder()
                        .url("postgresql://db/x")
                        .statementTimeout(Duration.ofSeconds(-1))
                        .build())
                .hasMessageContaining("statementTimeout");
    }

    @Test
    void aMalformedUrlFailsWhereThePluginIsMadeWithItsPasswordMasked() {
        PgClientConfig config =
                PgClientConfig.builder().url("mysql://app:s3cret@db/shop").build();
        assertThatThrownBy(() -> new PgClientPlugin(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://app:***@db/shop")
                .hasMessageNotContaining("s3cret");
    }
}

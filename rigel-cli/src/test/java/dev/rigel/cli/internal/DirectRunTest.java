package dev.rigel.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.config.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectRunTest {

    private static final List<Setting> SETTINGS = List.of(
            new Setting("server.port", "int", "8000", "", List.of("PORT"), List.of("--server.port", "--port"), false),
            new Setting("server.http2", "boolean", "true", "", List.of(), List.of("--server.http2"), false),
            new Setting("greeting", "String", "hello", "", List.of(), List.of("--greeting"), false));

    private static List<String> flags(String... args) {
        return DirectRun.flags(SETTINGS, args);
    }

    @Test
    void settingsOfTheTopCommandAreServedDirectlyUnderTheirLongestNames() {
        assertThat(flags()).isEmpty();
        assertThat(flags("--port", "9000", "--greeting=hi there", "--profile", "prod"))
                .containsExactly("--server.port=9000", "--greeting=hi there", "--profile=prod");
        assertThat(flags("--server.http2", "--port=0")).containsExactly("--server.http2=true", "--server.port=0");
        assertThat(flags("--port=0", "--server.http2")).containsExactly("--server.port=0", "--server.http2=true");
        assertThat(flags("--server.http2=false")).containsExactly("--server.http2=false");
        assertThat(flags("--greeting=")).containsExactly("--greeting=");
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        for (String[] args : List.of(
                new String[] {"run"},
                new String[] {"routes", "--port", "1"},
                new String[] {"--help"},
                new String[] {"-h"},
                new String[] {"--version"},
                new String[] {"--reload"},
                new String[] {"--prot", "1"},
                new String[] {"--port"},
                new String[] {"--port", "-1"},
                new String[] {"--port", "@args.txt"},
                new String[] {"@args.txt"},
                new String[] {"--port", "1", "--server.port", "2"},
                new String[] {"--port", "1", "--port=2"},
                new String[] {"--greeting", "routes"},
                new String[] {"--server.http2", "false"},
                new String[] {"--", "--port", "1"})) {
            assertThat(flags(args)).as(String.join(" ", args)).isNull();
        }
    }
}

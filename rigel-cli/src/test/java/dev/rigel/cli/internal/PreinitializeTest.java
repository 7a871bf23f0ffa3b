package dev.rigel.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which command lines begin the server's background setup before anything else. */
class PreinitializeTest {

    @Test
    void startsThatServeBeginIt() {
        assertThat(CommandLines.mayServe()).isTrue();
        assertThat(CommandLines.mayServe("--port", "8000")).isTrue();
        assertThat(CommandLines.mayServe("run", "--reload")).isTrue();
        assertThat(CommandLines.mayServe("train", "-H", "Authorization: Bearer x"))
                .isTrue();
    }

    @Test
    void commandsThatServeNothingDoNot() {
        assertThat(CommandLines.mayServe("routes", "--json")).isFalse();
        assertThat(CommandLines.mayServe("schema", "openapi")).isFalse();
        assertThat(CommandLines.mayServe("--help")).isFalse();
        assertThat(CommandLines.mayServe("run", "--help")).isFalse();
        assertThat(CommandLines.mayServe("version")).isFalse();
        assertThat(CommandLines.mayServe("sessions", "clear")).isFalse();
    }
}

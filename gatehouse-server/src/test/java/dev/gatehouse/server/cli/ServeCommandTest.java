package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @Test
    void onlyTheBareCommandAndTheTrainingRunSkipTheParser() {
        assertThat(ServeCommand.isPlain("serve")).isTrue();
        assertThat(ServeCommand.isPlain("serve", "--training-run")).isTrue();

        assertThat(ServeCommand.isPlain()).isFalse();
        assertThat(ServeCommand.isPlain("serve", "--help")).isFalse();
        assertThat(ServeCommand.isPlain("serve", "--training-run", "--training-run"))
                .isFalse();
        assertThat(ServeCommand.isPlain("serve", "--trainingrun")).isFalse();
        assertThat(ServeCommand.isPlain("--training-run", "serve")).isFalse();
        assertThat(ServeCommand.isPlain("Serve")).isFalse();
        assertThat(ServeCommand.isPlain("migrate")).isFalse();
    }
}

package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GatehouseCommandTest {
    private static final String[] ALL = {"serve", "migrate", "backup", "users", "clients", "keys"};

    @Test
    void aCommandLineNamingASubcommandBuildsOnlyThatOne() {
        assertThat(GatehouseCommand.commandLine("serve", "--help").getSubcommands())
                .containsOnlyKeys("serve");
        assertThat(GatehouseCommand.commandLine("users", "create", "a@example.com")
                        .getSubcommands())
                .containsOnlyKeys("users");
    }

    @Test
    void anythingElseBuildsTheWholeTreeInUsageOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"srve"}, {"Serve"}, {""}}) {
            assertThat(GatehouseCommand.commandLine(args).getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactly(ALL);
        }
    }

    @Test
    void aMisspeltCommandStillGetsPicocliSuggestions() {
        CommandLine commandLine = GatehouseCommand.commandLine("srve");
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("srve");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean", "serve");
    }
}

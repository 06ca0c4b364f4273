package dev.gatehouse.server.cli;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.key.RotationOutcome;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.server.app.Gatehouse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse keys ...}: the signing keys of access tokens. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "List and rotate signing keys.",
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Rotate.class})
final class KeysCommand extends CommandGroup {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List signing keys (never their private parts).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                out.printf("%-24s  %-6s  %-7s  %-24s  %s%n", "KID", "ALG", "STATE", "CREATED", "STATE SINCE");
                for (SigningKey key : gatehouse.keys().list()) {
                    out.printf(
                            "%-24s  %-6s  %-7s  %-24s  %s%n",
                            key.kid(), key.algorithm(), key.state(), key.createdAt(), key.stateChangedAt());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Next key signs, active key retires, a new next key is made.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                RotationOutcome rotation = gatehouse.admin().rotateKeys(Actor.CLI);
                spec.commandLine()
                        .getOut()
                        .printf(
                                "Rotated: %s now signs; %s retired (published until its tokens expire); %s is next.%n",
                                rotation.activated(), rotation.retired(), rotation.next());
                return 0;
            }
        }
    }
}

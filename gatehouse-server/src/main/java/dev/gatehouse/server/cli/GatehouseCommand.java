package dev.gatehouse.server.cli;

import picocli.CommandLine.Command;

/** {@code gatehouse}: the top of the command tree. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        version = "Gatehouse 0.1.0",
        description = "Self-hosted authentication: cookie sessions for browsers, JWTs for APIs.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            BackupCommand.class,
            UsersCommand.class,
            ClientsCommand.class,
            KeysCommand.class
        })
public final class GatehouseCommand extends CommandGroup {}

package dev.gatehouse.server.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gatehouse}: the top of the command tree.
 *
 * <p>The subcommands are added by {@link #commandLine} rather than named in the annotation: picocli
 * builds the model of every command it is given, by reflection, before it parses anything. With this
 * and the TLS trust store read later, a start without the start-up cache took 0.2 s less (3.6 against
 * 3.8 s on the 2-core VM; docs/benchmarks.md, "RSS over time"); with the cache, no difference. A command
 * line whose first word names a subcommand gets only that one; anything else (no word, an option such
 * as {@code --help}, a misspelt name) gets them all, so usage and picocli's suggestions are unchanged.
 */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        version = "Gatehouse 0.1.0",
        description = "Self-hosted authentication: cookie sessions for browsers, JWTs for APIs.")
public final class GatehouseCommand extends CommandGroup {
    /** In the order usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            MigrateCommand.class,
            BackupCommand.class,
            UsersCommand.class,
            ClientsCommand.class,
            KeysCommand.class);

    /** The command tree that {@code args} needs: see the class comment. */
    public static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new GatehouseCommand());
        List<Class<?>> named = args.length == 0
                ? List.of()
                : SUBCOMMANDS.stream()
                        .filter(c -> c.getAnnotation(Command.class).name().equals(args[0]))
                        .toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        return commandLine;
    }
}

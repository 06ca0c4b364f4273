package dev.gatehouse.server.cli;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.app.StoreBackup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse backup --to FILE}: an online copy of the embedded database, safe while the server
 * runs. Restoring it is described in docs/operations.md.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Copy the embedded SQLite database to FILE while the server may run (not the master key).")
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the backup (mode 0600).")
    Path target;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StoreBackup.Outcome outcome;
        try {
            outcome = StoreBackup.write(Environment.config(), target, force);
        } catch (GatehouseException e) {
            // An I/O failure or a copy that fails its integrity check: nothing was left under FILE.
            err.println("Backup failed: " + e.getMessage());
            return 1;
        }
        return switch (outcome) {
            case StoreBackup.Outcome.Written written -> {
                out.printf(
                        "Backup written: %s (%,d bytes; PRAGMA integrity_check: ok)%n",
                        written.file(), written.bytes());
                out.println("warning: the backup does not contain the master key. The signing keys, client secrets,"
                        + " refresh tokens and device cookies in it are sealed under " + written.masterKey()
                        + "; a restore needs that same key. Keep a copy of it apart from the backups (it does not"
                        + " change). Restoring: docs/operations.md, \"Backup and restore\".");
                yield 0;
            }
            case StoreBackup.Outcome.TargetExists exists -> {
                err.println("Not written: " + exists.file() + " exists; --force replaces it.");
                yield 1;
            }
            case StoreBackup.Outcome.NoDatabase none -> {
                err.println("Nothing to back up: there is no database at " + none.expected()
                        + " (is GATEHOUSE_DATA_DIR the server's?).");
                yield 1;
            }
            case StoreBackup.Outcome.NotEmbedded postgres -> {
                err.println("gatehouse backup copies the embedded SQLite database; this deployment uses PostgreSQL"
                        + " (GATEHOUSE_DATABASE_URL). Back it up with PostgreSQL's tools, such as"
                        + " `pg_dump --format=custom`, and keep GATEHOUSE_MASTER_KEY apart from the dumps.");
                yield 1;
            }
        };
    }
}

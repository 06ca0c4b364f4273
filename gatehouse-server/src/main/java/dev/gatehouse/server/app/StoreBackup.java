package dev.gatehouse.server.app;

import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.store.sqlite.SqliteBackup;
import java.nio.file.Path;

/**
 * {@code gatehouse backup}: what a backup is depends on the store, which only the composition root
 * knows. The embedded SQLite database is copied online ({@link SqliteBackup}); PostgreSQL has its own
 * tools.
 *
 * <p>The master key is never put in the backup, nor beside it. It seals the signing keys, and keys the
 * hashes of client secrets, refresh tokens and device cookies, so a restore needs it; but a backup
 * file travels (off the machine, into object storage), and a key kept apart is what leaves whoever
 * finds a backup without the private signing keys. It does not change, so it is saved once.
 */
public final class StoreBackup {
    private StoreBackup() {}

    /** What {@link #write} did. */
    public sealed interface Outcome {
        /**
         * The backup is at {@code file} and passed SQLite's integrity check; {@code masterKey} says where
         * the key a restore also needs is.
         */
        record Written(Path file, long bytes, String masterKey) implements Outcome {}

        /** {@code file} exists and {@code --force} was not given. */
        record TargetExists(Path file) implements Outcome {}

        /** The data directory holds no database yet. */
        record NoDatabase(Path expected) implements Outcome {}

        /** The store is PostgreSQL, whose own tools ({@code pg_dump}) do this. */
        record NotEmbedded() implements Outcome {}
    }

    public static Outcome write(GatehouseConfig config, Path target, boolean replace) {
        if (config.isShared()) {
            return new Outcome.NotEmbedded();
        }
        return switch (SqliteBackup.write(config.dataDirectory(), target, replace)) {
            case SqliteBackup.Outcome.Written written ->
                new Outcome.Written(written.file(), written.bytes(), masterKeyLocation(config));
            case SqliteBackup.Outcome.TargetExists exists -> new Outcome.TargetExists(exists.file());
            case SqliteBackup.Outcome.NoDatabase none -> new Outcome.NoDatabase(none.expected());
        };
    }

    private static String masterKeyLocation(GatehouseConfig config) {
        return config.masterKey().isPresent()
                ? "GATEHOUSE_MASTER_KEY"
                : "the file "
                        + config.dataDirectory().toAbsolutePath().normalize().resolve(MasterKeyFile.NAME);
    }
}

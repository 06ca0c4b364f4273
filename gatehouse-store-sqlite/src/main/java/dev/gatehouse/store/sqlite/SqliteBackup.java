package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.GatehouseException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * An online copy of the embedded database, taken while the server may be writing to it.
 *
 * <p>It is made with {@code VACUUM INTO}, not SQLite's backup API ({@code sqlite3_backup_step}, which
 * sqlite-jdbc exposes as {@code backup to FILE}). The backup API copies a few pages per step, and when
 * another connection (here: the server, another process) writes between two steps it starts again from
 * the first page; under steady writes a copy may never finish. {@code VACUUM INTO} reads the whole
 * database inside one read transaction: in WAL mode that is a snapshot that writers neither disturb nor
 * wait for, so the copy is consistent at one instant (every commit before it, none after), whatever
 * the server does meanwhile, and it has no WAL of its own to carry along. What it costs: the WAL cannot
 * be checkpointed past that snapshot until the copy ends, and the copy is rebuilt (compacted), which
 * for an authentication database of some megabytes takes well under a second.
 *
 * <p>The copy is written beside the target under a temporary name created with mode 0600, checked with
 * {@code PRAGMA integrity_check}, forced to disk, and only then renamed into place: a half-written or
 * corrupt backup never carries the name asked for.
 */
public final class SqliteBackup {
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private SqliteBackup() {}

    /** What {@link #write} did. */
    public sealed interface Outcome {
        /** The backup is at {@code file}, {@code bytes} long, and SQLite found it intact. */
        record Written(Path file, long bytes) implements Outcome {}

        /** {@code file} exists and replacing it was not asked for. */
        record TargetExists(Path file) implements Outcome {}

        /** There is no database in the data directory: nothing to back up. */
        record NoDatabase(Path expected) implements Outcome {}
    }

    /**
     * Copies the database of {@code dataDirectory} to {@code target}, replacing an existing file only
     * when {@code replace}.
     */
    public static Outcome write(Path dataDirectory, Path target, boolean replace) {
        Path source = dataDirectory.toAbsolutePath().normalize().resolve(SqliteDatabase.FILE_NAME);
        Path destination = target.toAbsolutePath().normalize();
        if (Files.notExists(source)) {
            return new Outcome.NoDatabase(source);
        }
        refuseTheDatabaseItself(source, destination);
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(destination)) {
            // A device, a directory or a pipe: renaming a file over it (as root, /dev/null) breaks the host.
            throw new GatehouseException("cannot write the backup over " + destination + ": it is not a regular file");
        }
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !replace) {
            return new Outcome.TargetExists(destination);
        }
        Path directory = destination.getParent();
        if (!Files.isDirectory(directory)) {
            throw new GatehouseException("cannot write the backup: " + directory + " is not a directory");
        }
        Path partial = null;
        try {
            // Empty, as VACUUM INTO wants it; SQLite writes into this file, so it keeps the mode.
            partial = isPosix()
                    ? Files.createTempFile(directory, "." + destination.getFileName() + ".", ".partial", OWNER_ONLY)
                    : Files.createTempFile(directory, "." + destination.getFileName() + ".", ".partial");
            copy(source, partial);
            List<String> problems = integrityProblems(partial);
            if (!problems.isEmpty()) {
                throw new GatehouseException("the backup failed SQLite's integrity check (" + problems.size()
                        + " problem(s), first: " + problems.getFirst() + "); nothing was written to " + destination);
            }
            // SQLite does not fsync what VACUUM INTO writes: force it to disk before it takes the name.
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            long bytes = Files.size(partial);
            if (replace) {
                Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(partial, destination); // fails if the file appeared meanwhile: never overwrite
            }
            partial = null;
            syncDirectory(directory);
            return new Outcome.Written(destination, bytes);
        } catch (FileAlreadyExistsException e) {
            return new Outcome.TargetExists(destination);
        } catch (IOException e) {
            throw new GatehouseException("cannot write the backup to " + destination + ": " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    private static void copy(Path source, Path partial) {
        Properties settings = new Properties();
        // The server's writes are short; wait for a moment of quiet rather than fail on SQLITE_BUSY.
        settings.setProperty("busy_timeout", "10000");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source, settings);
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, partial.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new GatehouseException("cannot copy the SQLite database at " + source + ": " + e.getMessage(), e);
        }
    }

    /** SQLite's own check of every page, index and constraint: exactly one row, {@code ok}, when sound. */
    static List<String> integrityProblems(Path file) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        } catch (SQLException e) {
            return List.of(e.getMessage());
        }
        return rows.equals(List.of("ok")) ? List.of() : rows;
    }

    private static void syncDirectory(Path directory) {
        // The rename is durable once the directory is; not every platform can open one for this.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file itself is on disk already; at worst a crash now loses its name, not the database
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .partial file is visible and harmless
        }
    }

    /**
     * Replacing the live database (or its journal) by a copy of itself while the server writes leaves
     * the server writing into an unlinked file and the old WAL beside the new one: a corrupt store.
     */
    private static void refuseTheDatabaseItself(Path source, Path destination) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path live = source.resolveSibling(SqliteDatabase.FILE_NAME + suffix);
            if (destination.equals(live) || sameFile(destination, live)) {
                throw new GatehouseException(
                        "cannot write the backup over the live database file " + live + "; choose a file elsewhere");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}

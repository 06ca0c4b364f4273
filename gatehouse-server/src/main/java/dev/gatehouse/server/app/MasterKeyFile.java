package dev.gatehouse.server.app;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.secret.RandomSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * The master key when {@code GATEHOUSE_MASTER_KEY} is not set: {@code master.key} in the data
 * directory, created once with mode 0600. Fine for one machine; every node of a cluster needs the
 * same key, which is what the variable is for.
 */
final class MasterKeyFile {
    static final String NAME = "master.key";
    private static final System.Logger LOG = System.getLogger("gatehouse.keys");

    private MasterKeyFile() {}

    static MasterKey loadOrCreate(Path dataDirectory, RandomSource random) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(NAME);
        if (Files.exists(dataDirectory) && !Files.isDirectory(dataDirectory)) {
            // Said plainly: creating the key file in it would fail with "Not a directory" about the key.
            throw new GatehouseException("the data directory "
                    + dataDirectory.toAbsolutePath().normalize() + " is a file, not a directory (GATEHOUSE_DATA_DIR)");
        }
        try {
            if (Files.notExists(file)) {
                create(file, random);
            }
            byte[] key = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return new MasterKey(key);
        } catch (IOException | IllegalArgumentException e) {
            throw new GatehouseException("cannot read the master key file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static void create(Path file, RandomSource random) throws IOException {
        String text = Base64.getEncoder().encodeToString(random.nextBytes(MasterKey.BYTES)) + "\n";
        try {
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(Set.of(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first; use theirs
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        LOG.log(
                Level.WARNING,
                "GATEHOUSE_MASTER_KEY is not set: generated " + file + " (mode 0600) to encrypt the"
                        + " signing keys. Back it up; without it the keys cannot be opened. Set GATEHOUSE_MASTER_KEY on every"
                        + " node of a cluster instead.");
    }
}

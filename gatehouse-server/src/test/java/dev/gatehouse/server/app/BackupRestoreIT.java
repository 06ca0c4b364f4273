package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testkit.Await;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse backup} against the packaged server while it serves and writes, then the restore of
 * docs/operations.md step by step into a fresh data directory: the account logs in, its earlier session
 * is still valid, and the signing keys are the same ones.
 */
class BackupRestoreIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    Path work;

    @Test
    void aBackupTakenWhileServingRestoresAccountsSessionsAndKeysIntoAFreshDirectory() throws Exception {
        Path data = work.resolve("data");
        Path backup = Files.createDirectory(work.resolve("backups")).resolve("gatehouse.db");
        int port = GatehouseProcess.freePort();
        Map<String, String> environment = new HashMap<>(Map.of(
                "GATEHOUSE_PORT",
                String.valueOf(port),
                "GATEHOUSE_DATA_DIR",
                data.toString(),
                "GATEHOUSE_REGISTRATION",
                "open",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL",
                "off",
                "GATEHOUSE_RATE_LIMITS",
                "off"));
        URI base = URI.create("http://127.0.0.1:" + port);
        String origin = "http://localhost:" + port;
        ApiClient ada = new ApiClient(base, origin);
        List<String> keysBefore;
        int acknowledgedBeforeBackup;

        try (GatehouseProcess server = GatehouseProcess.start(environment, "", "serve")) {
            server.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
            assertThat(ada.signUp("ada@example.com", PASSWORD).status()).isEqualTo(202);
            assertThat(ada.login("ada@example.com", PASSWORD).status()).isEqualTo(200);
            keysBefore = kids(ada);

            // Sign-ups keep writing (account and audit rows) for as long as the backup runs.
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofVirtual().start(() -> {
                ApiClient client = new ApiClient(base, origin);
                for (int i = 0; !stop.get(); i++) {
                    if (client.signUp("writer" + i + "@example.com", PASSWORD).status() == 202) {
                        acknowledged.set(i + 1);
                    }
                }
            });
            Await.until("sign-ups are being written", Duration.ofSeconds(30), () -> acknowledged.get() >= 2);
            acknowledgedBeforeBackup = acknowledged.get();

            var written = GatehouseProcess.run(environment, "", "backup", "--to", backup.toString());

            int acknowledgedAfterBackup = acknowledged.get();
            stop.set(true);
            writer.join();
            assertThat(written.exitCode()).as(written.output()).isZero();
            assertThat(written.output())
                    .contains("Backup written: " + backup, "integrity_check: ok")
                    .contains(
                            "does not contain the master key",
                            data.resolve("master.key").toString());
            assertThat(acknowledgedAfterBackup)
                    .as("writes went on during the backup")
                    .isGreaterThan(acknowledgedBeforeBackup);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                    .isEqualTo("rw-------");

            byte[] first = Files.readAllBytes(backup);
            var refused = GatehouseProcess.run(environment, "", "backup", "--to", backup.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output()).contains("exists; --force replaces it");
            assertThat(Files.readAllBytes(backup)).isEqualTo(first);

            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isPresent();
        }

        // The restore, as docs/operations.md says: a fresh private directory, the backup as gatehouse.db,
        // the master key kept apart put back beside it, both owner-only.
        Path restored = Files.createDirectory(
                work.resolve("restored"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.copy(backup, restored.resolve("gatehouse.db"));
        Files.copy(data.resolve("master.key"), restored.resolve("master.key"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String file : List.of("gatehouse.db", "master.key")) {
            Files.setPosixFilePermissions(restored.resolve(file), PosixFilePermissions.fromString("rw-------"));
        }
        environment.put("GATEHOUSE_DATA_DIR", restored.toString());

        try (GatehouseProcess server = GatehouseProcess.start(environment, "", "serve")) {
            server.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));

            ApiClient.Response me = ada.get("/v1/me");
            assertThat(me.status()).as("the session from before the backup").isEqualTo(200);
            assertThat(me.json().get("email").asText()).isEqualTo("ada@example.com");
            assertThat(new ApiClient(base, origin)
                            .login("ada@example.com", PASSWORD)
                            .status())
                    .isEqualTo(200);
            assertThat(kids(ada))
                    .as("the same signing keys, opened with the same master key")
                    .isEqualTo(keysBefore);
            String lastBefore = "writer" + (acknowledgedBeforeBackup - 1) + "@example.com";
            assertThat(new ApiClient(base, origin).login(lastBefore, PASSWORD).status())
                    .as("a sign-up acknowledged before the backup began")
                    .isEqualTo(200);
        }
    }

    private static List<String> kids(ApiClient client) {
        ApiClient.Response jwks = client.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        List<String> kids = new java.util.ArrayList<>();
        jwks.json().get("keys").forEach(key -> kids.add(key.get("kid").asText()));
        assertThat(kids).isNotEmpty();
        return kids;
    }
}

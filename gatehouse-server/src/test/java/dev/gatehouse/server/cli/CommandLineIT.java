package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.GatehouseProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code gatehouse} command, run as a user runs it. */
class CommandLineIT {
    @TempDir
    Path dataDirectory;

    private Map<String, String> environment() {
        return Map.of("GATEHOUSE_DATA_DIR", dataDirectory.toString());
    }

    @Test
    void helpListsTheCommands() throws Exception {
        var result = GatehouseProcess.run(environment(), "", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("serve", "users");
    }

    @Test
    void createsListsLocksAndUnlocksUsers() throws Exception {
        var created = GatehouseProcess.run(
                environment(),
                "correct horse battery staple\n",
                "users",
                "create",
                "--email",
                "Root@Example.com",
                "--admin",
                "--password-stdin");
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains("Created admin root@example.com");

        var duplicate = GatehouseProcess.run(
                environment(),
                "another fine password\n",
                "users",
                "create",
                "--email",
                "root@example.com",
                "--password-stdin");
        assertThat(duplicate.exitCode()).isEqualTo(1);

        var weak = GatehouseProcess.run(
                environment(), "password\n", "users", "create", "--email", "weak@example.com", "--password-stdin");
        assertThat(weak.exitCode()).isEqualTo(1);
        assertThat(weak.output()).contains("Password not accepted");

        var listed = GatehouseProcess.run(environment(), "", "users", "list");
        assertThat(listed.output()).contains("root@example.com", "admin", "1 account(s)");

        var locked = GatehouseProcess.run(environment(), "", "users", "lock", "--email", "root@example.com");
        assertThat(locked.output()).contains("Locked root@example.com");
        assertThat(GatehouseProcess.run(environment(), "", "users", "list").output())
                .contains("yes");

        var unlocked = GatehouseProcess.run(environment(), "", "users", "unlock", "--email", "root@example.com");
        assertThat(unlocked.exitCode()).isZero();
        try (var database = dev.gatehouse.store.sqlite.SqliteDatabase.open(dataDirectory)) {
            // Done from the command line, and still in the audit trail, with the CLI as actor.
            assertThat(database.auditEvents().find(dev.gatehouse.core.audit.AuditQuery.latest(10)))
                    .filteredOn(e -> e.actor().equals("cli"))
                    .extracting(e -> e.type().wireName())
                    .contains("sign_up", "account_locked", "account_unlocked");
        }
        var missing = GatehouseProcess.run(environment(), "", "users", "lock", "--email", "nobody@example.com");
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    /** The server keeps its lock-out counters in memory; an unlock from another process still reaches them. */
    @Test
    void anUnlockFromTheCommandLineLetsTheOwnerIntoTheRunningServerAtOnce() throws Exception {
        try (var server = dev.gatehouse.server.app.RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_LOCKOUT_THRESHOLD", "3"))) {
            var client = new dev.gatehouse.server.http.ApiClient(
                    server.baseUri(), dev.gatehouse.server.app.RunningGatehouse.ISSUER);
            server.gatehouse()
                    .accounts()
                    .signUp(
                            "carol@example.com",
                            new dev.gatehouse.core.account.Password("correct horse battery staple"),
                            dev.gatehouse.core.account.Role.USER);
            for (int i = 0; i < 4; i++) {
                client.login("carol@example.com", "a wrong guess " + i);
            }
            assertThat(client.login("carol@example.com", "correct horse battery staple")
                            .status())
                    .isEqualTo(429);

            var unlocked = GatehouseProcess.run(environment(), "", "users", "unlock", "--email", "carol@example.com");

            assertThat(unlocked.exitCode()).as(unlocked.output()).isZero();
            assertThat(client.login("carol@example.com", "correct horse battery staple")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void createsListsAndDeletesClientsShowingASecretOnce() throws Exception {
        var created = GatehouseProcess.run(
                environment(),
                "",
                "clients",
                "create",
                "--id",
                "billing",
                "--type",
                "confidential",
                "--audience",
                "orders-api");
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output())
                .contains("Created billing (confidential) grants=[client_credentials]")
                .containsPattern("client_secret: [A-Za-z0-9_-]{43}");

        var listed = GatehouseProcess.run(environment(), "", "clients", "list");
        assertThat(listed.output()).contains("billing (confidential)").doesNotContain("client_secret");

        var badType = GatehouseProcess.run(environment(), "", "clients", "create", "--id", "x", "--type", "galactic");
        assertThat(badType.exitCode()).isEqualTo(2);

        assertThat(GatehouseProcess.run(environment(), "", "clients", "delete", "--id", "billing")
                        .exitCode())
                .isZero();
        assertThat(GatehouseProcess.run(environment(), "", "clients", "delete", "--id", "billing")
                        .exitCode())
                .isEqualTo(1);
    }

    @Test
    void createsOpenIdConnectClientsWithTheirRedirectUris() throws Exception {
        var web = GatehouseProcess.run(
                environment(),
                "",
                "clients",
                "create",
                "--id",
                "shop",
                "--type",
                "web",
                "--redirect-uri",
                "https://shop.example/callback",
                "--post-logout-redirect-uri",
                "https://shop.example/",
                "--first-party",
                "--id-token-alg",
                "ES256");
        assertThat(web.exitCode()).as(web.output()).isZero();
        assertThat(web.output())
                .contains("Created shop (web) grants=[authorization_code, refresh_token]")
                .contains("redirect_uris=[https://shop.example/callback] first-party id_token_alg=ES256")
                .containsPattern("client_secret: [A-Za-z0-9_-]{43}");

        var spa = GatehouseProcess.run(
                environment(),
                "",
                "clients",
                "create",
                "--id",
                "spa",
                "--type",
                "public",
                "--redirect-uri",
                "http://127.0.0.1/callback");
        assertThat(spa.exitCode()).as(spa.output()).isZero();
        assertThat(spa.output()).contains("Created spa (public)").doesNotContain("client_secret");

        var noRedirect = GatehouseProcess.run(environment(), "", "clients", "create", "--id", "x", "--type", "public");
        assertThat(noRedirect.exitCode()).isEqualTo(2);
        assertThat(noRedirect.output()).contains("at least one redirect URI");
        var plainHttp = GatehouseProcess.run(
                environment(),
                "",
                "clients",
                "create",
                "--id",
                "y",
                "--type",
                "web",
                "--redirect-uri",
                "http://shop.example/callback");
        assertThat(plainHttp.exitCode()).isEqualTo(2);
        var badAlg = GatehouseProcess.run(
                environment(),
                "",
                "clients",
                "create",
                "--id",
                "z",
                "--type",
                "web",
                "--redirect-uri",
                "https://shop.example/callback",
                "--id-token-alg",
                "HS256");
        assertThat(badAlg.exitCode()).isEqualTo(2);
        assertThat(badAlg.output()).contains("RS256 or ES256");
    }

    @Test
    void listsAndRotatesSigningKeysNeverShowingPrivateParts() throws Exception {
        var before = GatehouseProcess.run(environment(), "", "keys", "list");
        assertThat(before.output()).contains("ACTIVE", "NEXT").doesNotContain("\"d\"");

        var rotated = GatehouseProcess.run(environment(), "", "keys", "rotate");
        assertThat(rotated.exitCode()).isZero();
        assertThat(rotated.output()).contains("now signs", "retired");
        assertThat(GatehouseProcess.run(environment(), "", "keys", "list").output())
                .contains("RETIRED");
    }

    @Test
    void refusesToAskForAPasswordWithoutATerminal() throws Exception {
        var result = GatehouseProcess.run(environment(), "", "users", "create", "--email", "a@example.com");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("--password-stdin");
    }

    @Test
    void serveTellsHowToCreateTheFirstAdminAndOnlyThen() throws Exception {
        int port = GatehouseProcess.freePort();
        Map<String, String> env =
                Map.of("GATEHOUSE_DATA_DIR", dataDirectory.toString(), "GATEHOUSE_PORT", String.valueOf(port));
        try (var server = GatehouseProcess.start(env, "", "serve")) {
            server.awaitLine("./gatehouse users create --email you@example.com --admin", Duration.ofSeconds(60));
        }
        GatehouseProcess.run(
                env,
                "correct horse battery staple\n",
                "users",
                "create",
                "--email",
                "root@example.com",
                "--admin",
                "--password-stdin");
        try (var server = GatehouseProcess.start(env, "", "serve")) {
            server.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
            // The hint is printed before the "listening" line, so it would have been seen by now.
            assertThat(server.output()).noneMatch(line -> line.contains("There is no admin account"));
        }
    }

    @Test
    void refusesABadConfigurationNamingTheKey() throws Exception {
        var result = GatehouseProcess.run(
                Map.of("GATEHOUSE_DATA_DIR", dataDirectory.toString(), "GATEHOUSE_PORT", "eighty"), "", "serve");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output())
                .contains("GATEHOUSE_PORT=eighty", "0 to 65535")
                .doesNotContain("Exception");
    }

    /** A data directory that is a file is named as such (found by an outside test: the refusal spoke of the key file). */
    @Test
    void aDataDirectoryThatIsAFileIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(dataDirectory.resolve("a-file"), "not a directory");

        var result =
                GatehouseProcess.run(Map.of("GATEHOUSE_DATA_DIR", file.toString(), "GATEHOUSE_PORT", "0"), "", "serve");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains(file + " is a file, not a directory")
                .doesNotContain("Exception");
    }

    /**
     * A port that is taken stops the start with exit code 1 and says which setting and why, in one line:
     * an outside test found the process announcing port -1 and running on, its watchdog unable to give
     * up, and Helidon's stack traces before the refusal.
     */
    @Test
    void aPortItCannotListenOnStopsTheStart() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var result = GatehouseProcess.run(
                    Map.of("GATEHOUSE_DATA_DIR", dataDirectory.toString(), "GATEHOUSE_PORT", String.valueOf(port)),
                    "",
                    "serve");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output())
                    .contains("Gatehouse cannot start: GATEHOUSE_PORT=" + port + ": cannot listen on")
                    .contains("(Address already in use)")
                    .doesNotContain("listening on http://", ":-1")
                    // Helidon's own report, three nested stack traces, is kept off the log.
                    .doesNotContain("Exception", "\tat ");
        }
    }
}

package dev.gatehouse.server.cli;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.account.SignUpOutcome;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.server.app.Gatehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse users ...}: accounts, managed straight on the store the server uses. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Create, list, lock and unlock accounts.",
        subcommands = {
            UsersCommand.Create.class,
            UsersCommand.ListUsers.class,
            UsersCommand.Lock.class,
            UsersCommand.Unlock.class
        })
final class UsersCommand extends CommandGroup {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--email", required = true, description = "The account's email address.")
        String email;

        @Option(names = "--admin", description = "Make the account an administrator.")
        boolean admin;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStdin;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Password> password = passwordFromStdin ? readStdin() : prompt(err);
            if (password.isEmpty()) {
                return 2;
            }
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                // The operator vouches for the address: no verification link, and sign-in works at once.
                SignUpOutcome outcome = gatehouse
                        .accounts()
                        .signUp(email, password.get(), admin ? Role.ADMIN : Role.USER, Actor.CLI, true);
                switch (outcome) {
                    case SignUpOutcome.Created created -> {
                        out.printf(
                                "Created %s %s (id %s)%n",
                                admin ? "admin" : "user",
                                created.account().email(),
                                created.account().id());
                        return 0;
                    }
                    case SignUpOutcome.AlreadyRegistered already ->
                        err.println("An account with that email exists already.");
                    case SignUpOutcome.InvalidEmail invalid -> err.println("That is not a usable email address.");
                    case SignUpOutcome.WeakPassword weak ->
                        err.println("Password not accepted: "
                                + switch (weak.problem()) {
                                    case TOO_SHORT -> "it needs at least 8 characters.";
                                    case TOO_LONG -> "it may be at most 1024 bytes.";
                                    case COMMON -> "it is too common.";
                                    case CONTAINS_ACCOUNT_NAME -> "it must not be the email address.";
                                    case BUILT_FROM_CONTEXT ->
                                        "it must not be built from the email address or the service's name.";
                                });
                }
                return 1;
            }
        }

        private Optional<Password> readStdin() throws IOException {
            var reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                spec.commandLine().getErr().println("No password on standard input.");
                return Optional.empty();
            }
            return Optional.of(new Password(line));
        }

        private static Optional<Password> prompt(PrintWriter err) {
            var console = System.console();
            if (console == null) {
                err.println("No terminal to ask for the password: pipe it in with --password-stdin.");
                return Optional.empty();
            }
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Repeat it: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("The passwords differ.");
                return Optional.empty();
            }
            return Optional.of(new Password(new String(first)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "Skip this many first.")
        int offset;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                List<Account> accounts = gatehouse.accounts().list(Math.max(0, offset), Math.clamp(limit, 1, 10_000));
                out.printf("%-32s  %-40s  %-5s  %-6s  %s%n", "ID", "EMAIL", "ROLE", "LOCKED", "CREATED");
                for (Account a : accounts) {
                    out.printf(
                            "%-32s  %-40s  %-5s  %-6s  %s%n",
                            a.id(),
                            a.email(),
                            a.role().name().toLowerCase(java.util.Locale.ROOT),
                            a.locked() ? "yes" : "no",
                            a.createdAt());
                }
                out.printf("%d account(s)%n", accounts.size());
                return 0;
            }
        }
    }

    /** Lock and unlock differ only in which way they turn the account. */
    abstract static class LockCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--email", required = true, description = "The account's email address.")
        String email;

        abstract boolean locking();

        @Override
        public Integer call() {
            return setLocked(spec, email, locking());
        }
    }

    @Command(name = "lock", mixinStandardHelpOptions = true, description = "Lock an account and end its sessions.")
    static final class Lock extends LockCommand {
        @Override
        boolean locking() {
            return true;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Unlock an account.")
    static final class Unlock extends LockCommand {
        @Override
        boolean locking() {
            return false;
        }
    }

    /** Locking ends the account's sessions and unlocking forgives its failed logins: the admin use cases. */
    private static int setLocked(CommandSpec spec, String email, boolean locked) {
        try (Gatehouse gatehouse = Environment.open(Environment.config())) {
            Optional<Account> account = gatehouse
                    .accounts()
                    .findByEmail(email)
                    .flatMap(found -> locked
                            ? gatehouse.admin().lock(found.id(), Actor.CLI)
                            : gatehouse.admin().unlock(found.id(), Actor.CLI));
            if (account.isEmpty()) {
                spec.commandLine().getErr().println("No account with that email.");
                return 1;
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s %s%s%n",
                            locked ? "Locked" : "Unlocked",
                            account.get().email(),
                            locked ? " and ended its sessions" : "");
            return 0;
        }
    }
}

package dev.gatehouse.core.factor;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.passkey.PasskeyStore;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.RandomSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Setting up, using and removing second factors. Every change records its audit event in the same
 * transaction. The login use case asks {@link #factors} whether an account needs a second factor and
 * {@link #verifyTotp} / {@link #useRecoveryCode} whether the one shown is right.
 */
public final class SecondFactorService {
    /** RFC 4226 section 4 asks for at least 128 bits; 160 is the HMAC-SHA-1 block-friendly size apps expect. */
    static final int SECRET_BYTES = 20;

    public static final int RECOVERY_CODES = 10;
    private static final char[] RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SecondFactorStore store;
    private final PasskeyStore passkeys;
    private final KeyEncryption sealing;
    private final KeyedHash recoveryHash;
    private final String issuerName;
    private final Clock clock;
    private final RandomSource random;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final AccountService accounts;
    private final MailOutbox outbox;

    /**
     * @param sealing seals TOTP secrets at rest, under its own key derived from the master key
     * @param recoveryHash hashes recovery codes (50 random bits each: a keyed hash makes a stolen table
     *     useless without the server key, and a slow hash would buy nothing more)
     * @param issuerName the name authenticator apps show beside the account
     * @param outbox tells the account's owner when a recovery code is used or an administrator resets
     *     the factors: both are what an attacker holding the password would do next
     */
    public SecondFactorService(
            SecondFactorStore store,
            PasskeyStore passkeys,
            KeyEncryption sealing,
            KeyedHash recoveryHash,
            String issuerName,
            Clock clock,
            RandomSource random,
            AuditTrail audit,
            Transactions transactions,
            AccountService accounts,
            MailOutbox outbox) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.store = store;
        this.passkeys = passkeys;
        this.sealing = sealing;
        this.recoveryHash = recoveryHash;
        this.issuerName = issuerName;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.transactions = transactions;
    }

    public Factors factors(AccountId account) {
        boolean totp = store.findTotp(account).filter(TotpCredential::confirmed).isPresent();
        return new Factors(
                totp,
                totp ? store.countUnusedRecoveryCodes(account) : 0,
                passkeys.listOf(account).size());
    }

    /**
     * Starts setting up an authenticator app: a fresh secret, sealed and stored unconfirmed (replacing one
     * set up before and never confirmed). Empty when the account already has a confirmed one.
     */
    public Optional<TotpEnrolment> beginTotp(Account account) {
        byte[] secret = random.nextBytes(SECRET_BYTES);
        var credential = new TotpCredential(account.id(), seal(account.id(), secret), Optional.empty(), -1, now());
        if (!store.saveUnconfirmedTotp(credential)) {
            return Optional.empty();
        }
        return Optional.of(enrolment(account, Base32.encode(secret)));
    }

    private TotpEnrolment enrolment(Account account, String base32) {
        String label = encode(issuerName) + ":" + encode(account.email().value());
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuerName)
                + "&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS;
        return new TotpEnrolment(base32, uri);
    }

    /** The authenticator app being set up and not yet confirmed, shown again (after a mistyped first code, say). */
    public Optional<TotpEnrolment> pendingEnrolment(Account account) {
        return store.findTotp(account.id())
                .filter(c -> !c.confirmed())
                .map(c -> enrolment(account, Base32.encode(unseal(c))));
    }

    /** The first code from the app: when right the app counts from now on and the recovery codes are made. */
    public ConfirmOutcome confirmTotp(AccountId account, String code, Actor actor) {
        Optional<TotpCredential> pending = store.findTotp(account).filter(c -> !c.confirmed());
        if (pending.isEmpty()) {
            return new ConfirmOutcome.NothingToConfirm();
        }
        OptionalLong step = Totp.STANDARD.matchingStep(unseal(pending.get()), code, clock.instant());
        if (step.isEmpty()) {
            return new ConfirmOutcome.WrongCode();
        }
        List<String> codes = newRecoveryCodes();
        boolean confirmed = transactions.inOne(() -> {
            if (!store.confirmTotp(account, now(), step.getAsLong())) {
                return false;
            }
            store.replaceRecoveryCodes(account, hashes(codes), now());
            audit.record(
                    AuditType.SECOND_FACTOR_ENROLLED, Optional.of(account.value()), actor, Map.of("factor", "totp"));
            return true;
        });
        return confirmed ? new ConfirmOutcome.Confirmed(codes) : new ConfirmOutcome.NothingToConfirm();
    }

    /**
     * Whether {@code code} is the account's current code (±1 step) and no code of its step or a later one
     * was used before; a right code is used up by this call.
     */
    public boolean verifyTotp(AccountId account, String code) {
        Optional<TotpCredential> credential = store.findTotp(account).filter(TotpCredential::confirmed);
        if (credential.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.STANDARD.matchingStep(unseal(credential.get()), code, clock.instant());
        return step.isPresent() && store.useTotpStep(account, step.getAsLong());
    }

    /** Uses up one recovery code, audited; false when it is not an unused code of the account. */
    public boolean useRecoveryCode(AccountId account, String code, Actor actor) {
        String normalised = normalise(code);
        if (normalised.length() != 10) {
            return false;
        }
        return transactions.inOne(() -> {
            if (!store.useRecoveryCode(account, recoveryHash.hex(normalised), now())) {
                return false;
            }
            int left = store.countUnusedRecoveryCodes(account);
            audit.record(
                    AuditType.RECOVERY_CODE_USED,
                    Optional.of(account.value()),
                    actor,
                    Map.of("recovery_codes_left", Integer.toString(left)));
            notify(account, MailKind.RECOVERY_CODE_USED);
            return true;
        });
    }

    /**
     * A fresh set of recovery codes, the old ones void; empty when the account has no authenticator app
     * (recovery codes stand in for the app's codes: a lost passkey is replaced by signing in otherwise).
     */
    public Optional<List<String>> regenerateRecoveryCodes(AccountId account, Actor actor) {
        if (!factors(account).totp()) {
            return Optional.empty();
        }
        List<String> codes = newRecoveryCodes();
        transactions.inOne(() -> {
            store.replaceRecoveryCodes(account, hashes(codes), now());
            audit.record(AuditType.RECOVERY_CODES_REGENERATED, Optional.of(account.value()), actor, Map.of());
            return null;
        });
        return Optional.of(codes);
    }

    /** Removes the authenticator app and, with no factor left, the recovery codes; false when there was none. */
    public boolean removeTotp(AccountId account, Actor actor) {
        return transactions.inOne(() -> {
            boolean removed = store.deleteTotp(account);
            if (removed) {
                store.deleteRecoveryCodes(account);
                audit.record(
                        AuditType.SECOND_FACTOR_REMOVED, Optional.of(account.value()), actor, Map.of("factor", "totp"));
            }
            return removed;
        });
    }

    /**
     * An administrator removes every second factor of an account (a lost phone and lost codes), audited;
     * returns whether there was anything to remove.
     */
    public boolean reset(AccountId account, Actor admin) {
        return transactions.inOne(() -> {
            boolean totp = store.deleteTotp(account);
            int codes = store.deleteRecoveryCodes(account);
            int removedPasskeys = passkeys.deleteAllOf(account);
            audit.record(
                    AuditType.SECOND_FACTORS_RESET,
                    Optional.of(account.value()),
                    admin,
                    Map.of(
                            "totp",
                            Boolean.toString(totp),
                            "recovery_codes",
                            Integer.toString(codes),
                            "passkeys",
                            Integer.toString(removedPasskeys)));
            boolean removed = totp || codes > 0 || removedPasskeys > 0;
            if (removed) {
                notify(account, MailKind.SECOND_FACTORS_RESET);
            }
            return removed;
        });
    }

    /** Queued in the caller's transaction, so the mail goes out exactly when the change is durable. */
    private void notify(AccountId account, MailKind kind) {
        accounts.find(account).ifPresent(owner -> outbox.send(kind, owner));
    }

    private List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = random.nextBytes(10);
            StringBuilder code = new StringBuilder(11);
            for (int j = 0; j < 10; j++) {
                if (j == 5) {
                    code.append('-');
                }
                code.append(RECOVERY_ALPHABET[bytes[j] & 0x1f]);
            }
            codes.add(code.toString());
        }
        return codes;
    }

    private List<String> hashes(List<String> codes) {
        return codes.stream().map(c -> recoveryHash.hex(normalise(c))).toList();
    }

    /** Case, spaces and dashes do not matter: people copy codes by hand. */
    static String normalise(String code) {
        return code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private String seal(AccountId account, byte[] secret) {
        return sealing.encrypt(secret, "totp:" + account.value());
    }

    private byte[] unseal(TotpCredential credential) {
        return sealing.decrypt(
                credential.sealedSecret(), "totp:" + credential.accountId().value());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

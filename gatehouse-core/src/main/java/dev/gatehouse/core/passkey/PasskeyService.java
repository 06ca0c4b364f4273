package dev.gatehouse.core.passkey;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.AuthenticationMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registering, using and removing passkeys. The rules live here, whatever page or API calls: each
 * challenge is 32 random bytes, bound to one browser by the hash of its cookie, answered once, for two
 * minutes; a passkey belongs to the account that registered it; a sign-in without a password needs the
 * user verified; a signature counter that does not advance is refused and audited as a possible clone.
 * The cryptography is {@link PasskeyCeremonies}' business.
 */
public final class PasskeyService {
    /** WebAuthn section 13.4.3 asks for at least 16 random bytes. */
    static final int CHALLENGE_BYTES = 32;

    /** Long enough to touch a key or a sensor, short enough that a stolen challenge is soon worthless. */
    public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(2);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PasskeyStore store;
    private final PasskeyCeremonies ceremonies;
    private final Clock clock;
    private final RandomSource random;
    private final AuditTrail audit;
    private final Transactions transactions;

    public PasskeyService(
            PasskeyStore store,
            PasskeyCeremonies ceremonies,
            Clock clock,
            RandomSource random,
            AuditTrail audit,
            Transactions transactions) {
        this.store = store;
        this.ceremonies = ceremonies;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The account's passkeys, oldest first. */
    public List<Passkey> passkeys(AccountId account) {
        return store.listOf(account);
    }

    /** The user handle a passkey carries for its account (WebAuthn section 14.6.1: no personal data). */
    public static byte[] userHandle(AccountId account) {
        return account.value().getBytes(StandardCharsets.UTF_8);
    }

    /** Starts registering a passkey for the signed-in account; the account's passkeys are to be excluded. */
    public CeremonyStart beginRegistration(AccountId account) {
        return begin(PasskeyChallenge.Purpose.REGISTER, Optional.of(account), ids(account));
    }

    /** Starts a sign-in without a password: any discoverable credential may answer. */
    public CeremonyStart beginSignIn() {
        return begin(PasskeyChallenge.Purpose.SIGN_IN, Optional.empty(), List.of());
    }

    /** Starts a passkey as the second factor of {@code account}'s sign-in or step-up. */
    public CeremonyStart beginSecondFactor(AccountId account) {
        return begin(PasskeyChallenge.Purpose.SECOND_FACTOR, Optional.of(account), ids(account));
    }

    private List<PasskeyId> ids(AccountId account) {
        return store.listOf(account).stream().map(Passkey::id).toList();
    }

    private CeremonyStart begin(PasskeyChallenge.Purpose purpose, Optional<AccountId> account, List<PasskeyId> ids) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String token = BASE64URL.encodeToString(random.nextBytes(32));
        String challenge = BASE64URL.encodeToString(random.nextBytes(CHALLENGE_BYTES));
        Instant expiresAt = now.plus(CHALLENGE_LIFETIME);
        store.insertChallenge(new PasskeyChallenge(Sha256.hex(token), challenge, purpose, account, now, expiresAt));
        return new CeremonyStart(token, challenge, expiresAt, ids);
    }

    /** The challenge bound to {@code bindingToken}, used up by this call, when it is live and for this. */
    private Optional<PasskeyChallenge> take(
            String bindingToken, PasskeyChallenge.Purpose purpose, Optional<AccountId> account) {
        Instant now = clock.instant();
        store.deleteExpiredChallenges(now);
        return store.takeChallenge(Sha256.hex(bindingToken))
                .filter(c -> !c.expiredAt(now))
                .filter(c -> c.purpose() == purpose)
                .filter(c -> c.accountId().equals(account));
    }

    /** Finishes registering: the response must answer this browser's live registration challenge. */
    public RegistrationOutcome finishRegistration(
            AccountId account, String bindingToken, String name, RegistrationResponse response, Actor actor) {
        Optional<PasskeyChallenge> challenge =
                take(bindingToken, PasskeyChallenge.Purpose.REGISTER, Optional.of(account));
        if (challenge.isEmpty()) {
            return new RegistrationOutcome.ChallengeRefused("unknown, expired or used challenge");
        }
        Optional<String> acceptable = Passkey.acceptableName(name);
        if (acceptable.isEmpty()) {
            return new RegistrationOutcome.Refused(
                    "name must be 1 to " + Passkey.MAXIMUM_NAME_LENGTH + " visible characters");
        }
        String trimmed = acceptable.get();
        RegistrationCheck check =
                ceremonies.verifyRegistration(response, decode(challenge.get().challenge()));
        if (check instanceof RegistrationCheck.Failed failed) {
            return new RegistrationOutcome.Refused(failed.reason());
        }
        RegistrationCheck.Verified verified = (RegistrationCheck.Verified) check;
        Passkey passkey = new Passkey(
                verified.credentialId(),
                account,
                trimmed,
                verified.publicKeyCose(),
                verified.signatureCounter(),
                verified.backupEligible(),
                verified.backupState(),
                response.transports().stream().limit(8).toList(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                Optional.empty());
        boolean stored = transactions.inOne(() -> {
            if (!store.insert(passkey)) {
                return false;
            }
            audit.record(
                    AuditType.SECOND_FACTOR_ENROLLED,
                    Optional.of(account.value()),
                    actor,
                    Map.of("factor", "passkey", "passkey", passkey.id().value()));
            return true;
        });
        return stored
                ? new RegistrationOutcome.Registered(passkey)
                : new RegistrationOutcome.Refused("credential registered already");
    }

    /**
     * Checks a sign-in without a password: any account's discoverable passkey, the user verified (the
     * passkey is then both what one has and what one knows or is).
     */
    public AssertionOutcome finishSignIn(String bindingToken, AssertionResponse response, Actor actor) {
        return finish(PasskeyChallenge.Purpose.SIGN_IN, Optional.empty(), bindingToken, response, actor);
    }

    /** Checks a passkey shown as {@code account}'s second factor. */
    public AssertionOutcome finishSecondFactor(
            AccountId account, String bindingToken, AssertionResponse response, Actor actor) {
        return finish(PasskeyChallenge.Purpose.SECOND_FACTOR, Optional.of(account), bindingToken, response, actor);
    }

    private AssertionOutcome finish(
            PasskeyChallenge.Purpose purpose,
            Optional<AccountId> account,
            String bindingToken,
            AssertionResponse response,
            Actor actor) {
        Optional<PasskeyChallenge> challenge = take(bindingToken, purpose, account);
        if (challenge.isEmpty()) {
            return new AssertionOutcome.Refused("unknown, expired or used challenge");
        }
        Optional<Passkey> found = store.find(response.credentialId())
                .filter(p -> account.isEmpty() || account.get().equals(p.accountId()));
        if (found.isEmpty()) {
            return new AssertionOutcome.Refused("unknown credential");
        }
        Passkey passkey = found.get();
        // WebAuthn section 7.2 step 6: the user handle, when given, must be the credential's owner.
        if (response.userHandle().isPresent()
                && !response.userHandle().get().equals(BASE64URL.encodeToString(userHandle(passkey.accountId())))) {
            return new AssertionOutcome.Refused("user handle is not the credential's owner");
        }
        if (purpose == PasskeyChallenge.Purpose.SIGN_IN && response.userHandle().isEmpty()) {
            return new AssertionOutcome.Refused("no user handle from a discoverable credential");
        }
        boolean userVerificationRequired = purpose == PasskeyChallenge.Purpose.SIGN_IN;
        AssertionCheck check = ceremonies.verifyAssertion(
                response, decode(challenge.get().challenge()), passkey, userVerificationRequired);
        return switch (check) {
            case AssertionCheck.Failed failed -> new AssertionOutcome.Refused(failed.reason());
            case AssertionCheck.CounterWentBackwards backwards ->
                possibleClone(passkey, backwards.stored(), backwards.presented(), actor);
            case AssertionCheck.Verified verified -> used(passkey, verified, actor);
        };
    }

    private AssertionOutcome used(Passkey passkey, AssertionCheck.Verified verified, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The compare-and-set on the counter: of two nodes handed the same counter, one wins.
        if (!store.recordUse(passkey.id(), verified.signatureCounter(), verified.backupState(), now)) {
            long stored =
                    store.find(passkey.id()).map(Passkey::signatureCounter).orElse(passkey.signatureCounter());
            return possibleClone(passkey, stored, verified.signatureCounter(), actor);
        }
        Set<AuthenticationMethod> amr =
                EnumSet.of(passkey.synced() ? AuthenticationMethod.SWK : AuthenticationMethod.HWK);
        if (verified.userVerified()) {
            amr.add(AuthenticationMethod.MFA);
        }
        return new AssertionOutcome.Verified(
                passkey.usedAt(now, verified.signatureCounter(), verified.backupState()), amr);
    }

    private AssertionOutcome possibleClone(Passkey passkey, long stored, long presented, Actor actor) {
        audit.record(
                AuditType.PASSKEY_CLONE_SUSPECTED,
                Optional.of(passkey.accountId().value()),
                actor,
                Map.of(
                        "passkey",
                        passkey.id().value(),
                        "stored_counter",
                        Long.toString(stored),
                        "presented_counter",
                        Long.toString(presented)));
        return new AssertionOutcome.PossibleClone(passkey);
    }

    /**
     * Gives one of the account's passkeys a new name (1 to {@value Passkey#MAXIMUM_NAME_LENGTH} characters,
     * trimmed); false when the name does not fit or the account has no such passkey. Only a label for
     * the person: no step-up, no audit event.
     */
    public boolean rename(AccountId account, PasskeyId id, String name) {
        return Passkey.acceptableName(name)
                .map(acceptable -> store.rename(account, id, acceptable))
                .orElse(false);
    }

    /** Deletes the challenges nobody answered in time, for the periodic clean-up; returns how many. */
    public int purgeExpiredChallenges() {
        return store.deleteExpiredChallenges(clock.instant());
    }

    /** Removes one of the account's passkeys (after a step-up, the caller's business); audited. */
    public boolean remove(AccountId account, PasskeyId id, Actor actor) {
        return transactions.inOne(() -> {
            if (!store.delete(account, id)) {
                return false;
            }
            audit.record(
                    AuditType.SECOND_FACTOR_REMOVED,
                    Optional.of(account.value()),
                    actor,
                    Map.of("factor", "passkey", "passkey", id.value()));
            return true;
        });
    }

    private static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }
}

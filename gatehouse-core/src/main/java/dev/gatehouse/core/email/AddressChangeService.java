package dev.gatehouse.core.email;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.login.PasswordConfirmation;
import dev.gatehouse.core.login.StepUpOutcome;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.session.Session;
import java.util.Map;
import java.util.Optional;

/**
 * Moving an account to another address: the current password first (with the sign-in's limits and
 * lock-out), then a link to the new address while the old one is told; until the link is followed
 * nothing changes, and then the new address is the account's, verified.
 */
public final class AddressChangeService {
    private final AccountService accounts;
    private final StepUpService stepUps;
    private final EmailTokens tokens;
    private final MailOutbox outbox;
    private final AuditTrail audit;
    private final Transactions transactions;

    public AddressChangeService(
            AccountService accounts,
            StepUpService stepUps,
            EmailTokens tokens,
            MailOutbox outbox,
            AuditTrail audit,
            Transactions transactions) {
        this.accounts = accounts;
        this.stepUps = stepUps;
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Whether a change from {@code session} needs the authenticator app's code with the password. */
    public boolean needsSecondFactor(Session session) {
        return stepUps.needsStepUp(session);
    }

    /**
     * Asks to move {@code account} to {@code rawNewEmail}, confirming with its current password and,
     * when the account has a second factor the session has not shown in the last ten minutes, its code:
     * the address is where every recovery link and security notice goes, as sensitive as the password.
     */
    public AddressChangeOutcome request(
            Account account,
            Session session,
            Password current,
            Optional<String> code,
            String rawNewEmail,
            Actor actor) {
        Optional<EmailAddress> next =
                EmailAddress.parse(rawNewEmail).filter(address -> !address.equals(account.email()));
        if (next.isEmpty()) {
            return new AddressChangeOutcome.InvalidEmail();
        }
        if (stepUps.needsStepUp(session)) {
            if (code.isEmpty()) {
                return new AddressChangeOutcome.SecondFactorRequired();
            }
            switch (stepUps.stepUp(account, session, current, code, actor)) {
                case StepUpOutcome.Throttled throttled -> {
                    return new AddressChangeOutcome.Throttled(throttled.retryAfter());
                }
                case StepUpOutcome.Refused refused -> {
                    return new AddressChangeOutcome.SecondFactorRequired();
                }
                case StepUpOutcome.Confirmed confirmed -> {}
            }
        } else {
            PasswordConfirmation confirmation = stepUps.confirmPassword(account, current, actor);
            if (confirmation instanceof PasswordConfirmation.Throttled throttled) {
                return new AddressChangeOutcome.Throttled(throttled.retryAfter());
            }
            if (!(confirmation instanceof PasswordConfirmation.Confirmed)) {
                return new AddressChangeOutcome.WrongPassword();
            }
        }
        transactions.inOne(() -> {
            outbox.sendTo(MailKind.ADDRESS_CHANGE, next.get(), Optional.of(account.id()));
            outbox.send(MailKind.ADDRESS_CHANGE_NOTICE, account);
            audit.record(
                    AuditType.EMAIL_CHANGE_REQUESTED, Optional.of(account.id().value()), actor, Map.of());
            return null;
        });
        return new AddressChangeOutcome.Requested();
    }

    /** Follows the link: the address it was mailed to becomes the account's. */
    public AddressChangeOutcome confirm(String token, Actor actor) {
        return transactions.inOne(() -> {
            Optional<EmailToken> taken = tokens.take(EmailTokenPurpose.ADDRESS_CHANGE, token);
            // A locked account changes nothing: an administrator locked it for a reason.
            if (taken.isEmpty()
                    || accounts.find(taken.get().account())
                            .filter(a -> !a.locked())
                            .isEmpty()
                    || !accounts.changeEmail(taken.get().account(), taken.get().address())) {
                return new AddressChangeOutcome.InvalidToken();
            }
            Account changed = accounts.find(taken.get().account()).orElseThrow();
            // Links mailed to the old address no longer reset this account's password.
            tokens.discard(changed.id(), EmailTokenPurpose.PASSWORD_RESET);
            audit.record(AuditType.EMAIL_CHANGED, Optional.of(changed.id().value()), actor, Map.of());
            return new AddressChangeOutcome.Changed(changed);
        });
    }
}

package dev.gatehouse.core.email;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.mail.MailComposer;
import dev.gatehouse.core.mail.MailMessage;
import dev.gatehouse.core.mail.OutboxEntry;
import java.time.Duration;
import java.util.Optional;

/**
 * Composes the account mails when the outbox sends them. This is where a reset request learns whether
 * an account has the address — in the worker, long after the request was answered — and where a link's
 * token is minted, so only its hash is ever stored and a retried mail carries a fresh token that
 * supersedes the one that may not have arrived.
 */
public final class AccountMails implements MailComposer {
    /** The pages the links open; each moves the token out of the address bar on arrival. */
    public static final String RESET_PAGE = "/password-reset/new";

    public static final String VERIFY_PAGE = "/email/verify";
    public static final String CHANGE_PAGE = "/email/change/confirm";

    private final AccountService accounts;
    private final EmailTokens tokens;
    private final String issuer;

    public AccountMails(AccountService accounts, EmailTokens tokens, String issuer) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.issuer = issuer;
    }

    @Override
    public Optional<MailMessage> compose(OutboxEntry entry) {
        return switch (entry.kind()) {
            case PASSWORD_RESET ->
                accounts.findByEmail(entry.recipient().value())
                        .filter(account -> !account.locked())
                        .map(account -> linked(entry, account, EmailTokenPurpose.PASSWORD_RESET, RESET_PAGE));
            case VERIFY_ADDRESS ->
                owner(entry)
                        .or(() -> accounts.findByEmail(entry.recipient().value()))
                        .filter(account -> !account.emailVerified())
                        .filter(account -> account.email().equals(entry.recipient()))
                        .map(account -> linked(entry, account, EmailTokenPurpose.VERIFY_ADDRESS, VERIFY_PAGE));
            case ADDRESS_CHANGE ->
                owner(entry)
                        .filter(account -> !account.locked())
                        .map(account -> linked(entry, account, EmailTokenPurpose.ADDRESS_CHANGE, CHANGE_PAGE));
            case SIGN_UP_ATTEMPT, PASSWORD_CHANGED, ADDRESS_CHANGE_NOTICE, RECOVERY_CODE_USED, SECOND_FACTORS_RESET ->
                Optional.of(
                        new MailMessage(entry.id(), entry.kind(), entry.recipient(), Optional.empty(), Duration.ZERO));
        };
    }

    private Optional<Account> owner(OutboxEntry entry) {
        return entry.account().flatMap(accounts::find);
    }

    private MailMessage linked(OutboxEntry entry, Account account, EmailTokenPurpose purpose, String page) {
        String token = tokens.mint(purpose, account.id(), entry.recipient());
        return new MailMessage(
                entry.id(),
                entry.kind(),
                entry.recipient(),
                Optional.of(issuer + page + "?token=" + token),
                purpose.lifetime());
    }
}

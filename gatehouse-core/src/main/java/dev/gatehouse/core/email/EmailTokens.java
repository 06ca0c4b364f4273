package dev.gatehouse.core.email;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.TokenHash;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Link tokens: 256 random bits, given out once in a mail and stored only as their SHA-256, single use,
 * short-lived, one live token per account and purpose (ASVS 5.0 6.4.1).
 */
public final class EmailTokens {
    /** 256 bits, as ASVS asks of secrets that stand for a person. */
    static final int BYTES = 32;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final EmailTokenStore store;
    private final RandomSource random;
    private final Clock clock;

    public EmailTokens(EmailTokenStore store, RandomSource random, Clock clock) {
        this.store = store;
        this.random = random;
        this.clock = clock;
    }

    /** A fresh token for {@code purpose}, superseding the account's earlier one; returns the secret to mail. */
    public String mint(EmailTokenPurpose purpose, AccountId account, EmailAddress address) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random.nextBytes(BYTES));
        Instant now = now();
        store.replace(new EmailToken(hash(token), purpose, account, address, now, now.plus(purpose.lifetime())));
        return token;
    }

    /** The live token {@code presented} stands for, without using it up (to show a page). */
    public Optional<EmailToken> peek(EmailTokenPurpose purpose, String presented) {
        return wellFormed(presented)
                .flatMap(token -> store.find(hash(token), purpose))
                .filter(token -> !token.isExpiredAt(now()));
    }

    /** Uses the token up: empty when unknown, of another purpose, already used, superseded or expired. */
    public Optional<EmailToken> take(EmailTokenPurpose purpose, String presented) {
        return wellFormed(presented)
                .flatMap(token -> store.take(hash(token), purpose))
                .filter(token -> !token.isExpiredAt(now()));
    }

    /** Invalidates the account's live token for {@code purpose}, if any. */
    public void discard(AccountId account, EmailTokenPurpose purpose) {
        store.discard(account, purpose);
    }

    /**
     * Invalidates the links that would change the account's credentials or address: after its owner
     * changed the password, reset it or signed out everywhere. Whoever asked for them with a stolen
     * session or password is out, and must not come back through a link to a mailbox of their own.
     */
    public void discardCredentialLinks(AccountId account) {
        store.discard(account, EmailTokenPurpose.PASSWORD_RESET);
        store.discard(account, EmailTokenPurpose.ADDRESS_CHANGE);
    }

    private static Optional<String> wellFormed(String presented) {
        return SHAPE.matcher(presented).matches() ? Optional.of(presented) : Optional.empty();
    }

    private static TokenHash hash(String token) {
        return new TokenHash(Sha256.hex(token));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

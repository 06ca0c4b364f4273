package dev.gatehouse.core.login;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/** Starting, finding and ending sign-ins that wait for a second factor: short lived, single use, few tries. */
public final class PendingLogins {
    /** Long enough to open an authenticator app, short enough that a forgotten one is useless soon. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /** Codes one pending login may try; then the password must be given again. */
    public static final int MAX_ATTEMPTS = 5;

    private final PendingLoginStore store;
    private final Clock clock;
    private final RandomSource random;

    public PendingLogins(PendingLoginStore store, Clock clock, RandomSource random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** A new pending login with its one token. */
    Started start(AccountId account, SessionKind kind, Optional<String> clientId, String scope) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PendingLoginToken token = PendingLoginToken.random(random);
        PendingLogin login = new PendingLogin(
                HexFormat.of().formatHex(random.nextBytes(16)),
                token.hash(),
                account,
                kind,
                clientId,
                scope,
                now,
                now.plus(LIFETIME),
                0);
        store.insert(login);
        return new Started(login, token);
    }

    /** The live pending login behind {@code token}; an expired one is deleted on sight. */
    Optional<PendingLogin> find(PendingLoginToken token) {
        Optional<PendingLogin> found = store.findByTokenHash(token.hash());
        if (found.isPresent() && !clock.instant().isBefore(found.get().expiresAt())) {
            store.delete(found.get().id());
            return Optional.empty();
        }
        return found;
    }

    boolean countAttempt(PendingLogin login) {
        return store.countAttempt(login.id(), MAX_ATTEMPTS);
    }

    boolean end(PendingLogin login) {
        return store.delete(login.id());
    }

    /**
     * Ends every pending login of the account: when its password changes, a sign-in whose password
     * step used the old one must not complete.
     */
    public void endAllOf(AccountId account) {
        store.deleteByAccount(account);
    }

    /** Deletes expired pending logins; returns how many. */
    public int purgeExpired() {
        return store.deleteExpired(clock.instant());
    }

    record Started(PendingLogin login, PendingLoginToken token) {}
}

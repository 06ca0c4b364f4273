package dev.gatehouse.core.login;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.session.NewSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What became of a sign-in attempt. */
public sealed interface LoginOutcome {

    /**
     * Signed in.
     *
     * @param deviceToken for the client to keep and present next time (see {@link DeviceTokens})
     * @param scope what an app's tokens may carry; empty for a browser
     * @param refreshToken a token login's first refresh token, stored with the session; empty for a browser
     */
    record LoggedIn(
            Account account, NewSession session, String deviceToken, String scope, Optional<String> refreshToken)
            implements LoginOutcome {}

    /**
     * The password was right and the account has a second factor: no session yet. The client keeps
     * {@code token} (in its own cookie, or from the problem body) and completes the sign-in with a code.
     *
     * @param methods what the person may show: {@code totp}, {@code recovery_code}
     */
    record SecondFactorRequired(PendingLoginToken token, Instant expiresAt, List<String> methods)
            implements LoginOutcome {
        public SecondFactorRequired {
            methods = List.copyOf(methods);
        }
    }

    /**
     * The pending login is unknown, expired, used or out of tries: the sign-in starts again with the
     * password.
     */
    record SignInAgain() implements LoginOutcome {}

    /** Unknown address, wrong password or locked account: one answer for all, so nothing is revealed. */
    record Refused() implements LoginOutcome {}

    /** Too many attempts; try again after {@code retryAfter}. The same for every cause. */
    record Throttled(Duration retryAfter) implements LoginOutcome {}

    /** The app may not sign users in: not a first-party client with the login grant. */
    record InvalidClient() implements LoginOutcome {}

    /**
     * The right password, but the account's address is not verified yet and this server requires it:
     * the person is told so and may have the link sent again.
     */
    record EmailNotVerified() implements LoginOutcome {}

    /** The right password, but the app asked for a scope this account or app may not have. */
    record ScopeRefused(String detail) implements LoginOutcome {}
}

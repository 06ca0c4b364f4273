package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.factor.SecondFactorService;

/**
 * {@code GATEHOUSE_REQUIRE_MFA_FOR_ADMINS}: when on, an administrator without a second factor gets neither
 * the admin console (it sends them to set one up) nor the admin API, whichever way they signed in; and one
 * with a factor is served only when the caller's session (cookie) or token (bearer: its {@code amr}) shows
 * it was used ({@code amr} has {@code mfa}): enrolling a factor in a password-only session is not enough.
 */
public final class AdminFactorPolicy {
    private final boolean required;
    private final SecondFactorService factors;

    public AdminFactorPolicy(boolean required, SecondFactorService factors) {
        this.required = required;
        this.factors = factors;
    }

    /** Whether {@code admin} must set up a second factor before acting as an administrator. */
    public boolean mustEnrol(Account admin) {
        return required
                && admin.role() == Role.ADMIN
                && !factors.factors(admin.id()).any();
    }

    /**
     * Whether {@code admin}, who has a second factor, must authenticate again with it before acting as an
     * administrator: the flag is on and the caller's session or token did not use it ({@code multiFactor}).
     */
    public boolean mustUseFactor(Account admin, boolean multiFactor) {
        return required && admin.role() == Role.ADMIN && !multiFactor;
    }
}

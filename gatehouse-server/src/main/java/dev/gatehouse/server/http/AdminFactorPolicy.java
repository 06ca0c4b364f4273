package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.factor.SecondFactorService;

/**
 * {@code GATEHOUSE_REQUIRE_MFA_FOR_ADMINS}: when on, an administrator without a second factor gets neither
 * the admin console (it sends them to set one up) nor the admin API, whichever way they signed in.
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
}

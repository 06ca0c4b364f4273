package dev.gatehouse.core.login;

import dev.gatehouse.core.factor.Factors;
import dev.gatehouse.core.passkey.AssertionOutcome;
import dev.gatehouse.core.session.AuthenticationMethod;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A sign-in's second step: what it may show, and what a shown proof makes the session's methods. */
final class SecondSteps {
    private SecondSteps() {}

    /** What a sign-in's second step may show, for the account's factors. */
    static List<String> methods(Factors of) {
        List<String> methods = new ArrayList<>();
        if (of.totp()) {
            methods.add("totp");
            methods.add("recovery_code");
        }
        if (of.passkeys() > 0) {
            methods.add("passkey");
        }
        return methods;
    }

    /** A right code, beside the password: {@code pwd otp mfa}. */
    static Optional<Set<AuthenticationMethod>> codeShown(boolean right) {
        return right ? Optional.of(AuthenticationMethod.PASSWORD_AND_CODE) : Optional.empty();
    }

    /**
     * The password and a passkey: two factors whether or not the authenticator verified the user, so
     * {@code mfa} in any case, beside {@code hwk} or {@code swk} (RFC 8176 section 2).
     */
    static Optional<Set<AuthenticationMethod>> passkeyShown(AssertionOutcome outcome) {
        if (!(outcome instanceof AssertionOutcome.Verified verified)) {
            return Optional.empty();
        }
        EnumSet<AuthenticationMethod> amr = EnumSet.copyOf(verified.amr());
        amr.add(AuthenticationMethod.PWD);
        amr.add(AuthenticationMethod.MFA);
        return Optional.of(Set.copyOf(amr));
    }
}

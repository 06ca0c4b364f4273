package dev.gatehouse.server.http;

import dev.gatehouse.core.account.PasswordProblem;

/** What to tell a person whose new password the policy refused; the API and the pages say the same. */
public final class PasswordAdvice {
    private PasswordAdvice() {}

    public static String of(PasswordProblem problem) {
        return switch (problem) {
            case TOO_SHORT -> "The password needs at least 8 characters.";
            case TOO_LONG -> "The password may be at most 1024 bytes.";
            case COMMON -> "That password is too common; choose another.";
            case CONTAINS_ACCOUNT_NAME -> "The password must not be the email address.";
            case BUILT_FROM_CONTEXT -> "The password must not be built from the email address or this service's name.";
        };
    }
}

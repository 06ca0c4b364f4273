package dev.gatehouse.core.factor;

/**
 * Which second factors an account has, for the account page, the admin console and the login.
 *
 * @param totp a confirmed authenticator app
 * @param recoveryCodesLeft unused recovery codes
 * @param passkeys registered passkeys: each may be shown after the password, as an authenticator app's code
 */
public record Factors(boolean totp, int recoveryCodesLeft, int passkeys) {
    public static final Factors NONE = new Factors(false, 0, 0);

    /** Whether a sign-in must show a second factor. Recovery codes alone are a fallback, not a factor. */
    public boolean any() {
        return totp || passkeys > 0;
    }
}

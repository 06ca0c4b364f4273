package dev.gatehouse.core.factor;

/**
 * Which second factors an account has, for the account page, the admin console and the login.
 *
 * @param totp a confirmed authenticator app
 * @param recoveryCodesLeft unused recovery codes
 */
public record Factors(boolean totp, int recoveryCodesLeft) {
    public static final Factors NONE = new Factors(false, 0);

    /** Whether a sign-in must show a second factor. Recovery codes alone are a fallback, not a factor. */
    public boolean any() {
        return totp;
    }
}

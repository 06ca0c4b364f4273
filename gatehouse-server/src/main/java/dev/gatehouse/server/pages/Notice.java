package dev.gatehouse.server.pages;

import java.util.Arrays;
import java.util.Optional;

/**
 * The messages a redirect after a form may ask the next page to show, by name ({@code ?notice=...}).
 * Only these fixed texts can appear, so a crafted link cannot put words of its own on a Gatehouse page.
 */
public enum Notice {
    SIGNED_UP("signed-up", "If this address was not registered yet, its account is ready: sign in to use it."),
    SIGNED_OUT("signed-out", "You are signed out."),
    FACTOR_REMOVED("factor-removed", "Your authenticator app is removed, and its recovery codes with it."),
    ADMIN_NEEDS_FACTOR(
            "admin-needs-factor",
            "Administrators need a second factor on this server: set up an authenticator app to use the admin"
                    + " console."),
    SIGN_IN_AGAIN("sign-in-again", "That sign-in expired or was used up: sign in again."),
    SIGNED_OUT_EVERYWHERE("signed-out-everywhere", "You are signed out on every device."),
    SESSION_ENDED("session-ended", "That session is signed out."),
    APP_DISCONNECTED("app-disconnected", "The app is disconnected: it must ask you again before it signs you in."),
    OTHER_SESSIONS_ENDED("others-ended", "Every other session is signed out."),
    PASSWORD_CHANGED("password-changed", "Your password is changed, and your other sessions are signed out."),
    EMAIL_VERIFIED("email-verified", "Your e-mail address is confirmed: sign in."),
    VERIFICATION_SENT(
            "verification-sent",
            "If an account with this address awaits confirmation, a new link is on its way to it."),
    ADDRESS_CHANGE_SENT(
            "address-change-sent",
            "A link is on its way to the new address, and a notice to this one. Nothing changes until the link is"
                    + " followed."),
    ADDRESS_CHANGED("address-changed", "Your account has its new e-mail address: sign in with it."),
    RESET_SENT(
            "reset-sent",
            "If an account has this address, a link to set a new password is on its way; it works for 30 minutes."),
    PASSWORD_RESET(
            "password-reset",
            "Your new password is set and every session of the account is signed out: sign in with it."),
    PASSKEY_ADDED("passkey-added", "Your passkey is added: it signs you in without a password."),
    PASSKEY_REMOVED("passkey-removed", "The passkey is removed: it no longer signs you in."),
    PASSKEY_RENAMED("passkey-renamed", "The passkey is renamed."),
    STEPPED_UP("stepped-up", "Thank you: for the next few minutes you may change your sign-in methods."),
    PASSKEY_EMAIL_NOT_VERIFIED(
            "passkey-email-not-verified",
            "Confirm your e-mail address first: sign in with your password to have the link sent again.",
            true),
    PASSKEY_REFUSED(
            "passkey-refused",
            "That passkey was not accepted. Try again, or use your password or another factor.",
            true);

    private final String parameter;
    private final String message;
    private final boolean error;

    Notice(String parameter, String message) {
        this(parameter, message, false);
    }

    /** @param error whether it tells of something that did not go ahead */
    Notice(String parameter, String message, boolean error) {
        this.parameter = parameter;
        this.message = message;
        this.error = error;
    }

    /** The value of {@code notice} that names this message. */
    public String parameter() {
        return parameter;
    }

    public Flash flash() {
        return error ? Flash.error(message) : Flash.success(message);
    }

    /** The notice a link names; empty for a value that names none. */
    public static Optional<Notice> named(Optional<String> parameter) {
        return parameter.flatMap(
                p -> Arrays.stream(values()).filter(n -> n.parameter.equals(p)).findFirst());
    }
}

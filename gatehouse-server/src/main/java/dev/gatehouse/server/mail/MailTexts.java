package dev.gatehouse.server.mail;

import dev.gatehouse.core.mail.MailMessage;
import java.util.List;

/** The words of each kind of mail. */
final class MailTexts {
    static final String PRODUCT = "Gatehouse";

    private MailTexts() {}

    static MailContent of(MailMessage message, String issuer, String host) {
        String minutes = message.linkLifetime().toMinutes() >= 120
                ? message.linkLifetime().toHours() + " hours"
                : message.linkLifetime().toMinutes() + " minutes";
        String notYou = "If you did not ask for this, ignore this mail: nothing changes until the link is used.";
        return switch (message.kind()) {
            case PASSWORD_RESET ->
                content(
                        message,
                        host,
                        "Set a new password for " + host,
                        "Set a new password",
                        List.of(
                                "Someone, hopefully you, asked to set a new password for the account "
                                        + message.to().value() + " on " + host + ".",
                                "The link works once, for " + minutes + ". Setting a new password signs the account"
                                        + " out everywhere."),
                        "Set a new password",
                        notYou);
            case PASSWORD_CHANGED ->
                content(
                        message,
                        host,
                        "Your password on " + host + " was changed",
                        "Your password was changed",
                        List.of(
                                "The password of " + message.to().value() + " on " + host
                                        + " was just set with a reset link, and every session of the account was ended.",
                                "If that was not you, ask for a new reset link at " + issuer + "/password-reset"
                                        + " at once, and tell your administrator."),
                        "",
                        "You get this mail whenever the password of your account is reset.");
            case VERIFY_ADDRESS ->
                content(
                        message,
                        host,
                        "Confirm your address for " + host,
                        "Confirm your e-mail address",
                        List.of(
                                "An account on " + host + " was created with "
                                        + message.to().value() + ".",
                                "Confirm that this address is yours with the password you chose; the link works for "
                                        + minutes + "."),
                        "Confirm my address",
                        "If you did not sign up, ignore this mail: without this link and the password chosen at"
                                + " sign-up the account cannot be used. To take the account over, reset its password.");
            case SIGN_UP_ATTEMPT ->
                content(
                        message,
                        host,
                        "Someone tried to sign up on " + host + " with your address",
                        "Someone tried to sign up with your address",
                        List.of(
                                "Someone tried to create an account on " + host + " with "
                                        + message.to().value() + ", which already has one.",
                                "If it was you, sign in at " + issuer + "/login, or set a new password at " + issuer
                                        + "/password-reset if you forgot it."),
                        "",
                        "If it was not you, ignore this mail: your account was not changed.");
            case ADDRESS_CHANGE ->
                content(
                        message,
                        host,
                        "Confirm your new address for " + host,
                        "Confirm your new e-mail address",
                        List.of(
                                "You asked to use " + message.to().value() + " for your account on " + host + ".",
                                "Nothing changes until you follow this link; it works for " + minutes + "."),
                        "Use this address",
                        notYou);
            case ADDRESS_CHANGE_NOTICE ->
                content(
                        message,
                        host,
                        "A change of address was asked for on " + host,
                        "A change of your e-mail address was asked for",
                        List.of(
                                "Someone signed in to " + message.to().value() + " on " + host
                                        + " and asked to move the account to another address.",
                                "Nothing changes unless the link mailed to the new address is followed. If this was"
                                        + " not you, change your password at " + issuer + "/account/password."),
                        "",
                        "You get this mail at the address the account has now.");
            case RECOVERY_CODE_USED ->
                content(
                        message,
                        host,
                        "A recovery code was used on " + host,
                        "A recovery code was used",
                        List.of(
                                "One of the recovery codes of " + message.to().value() + " on " + host
                                        + " was just used in place of the authenticator app. Each code works once.",
                                "If that was not you, change your password at " + issuer + "/account/password"
                                        + " and make new recovery codes at " + issuer + "/account/factors at once."),
                        "",
                        "You get this mail whenever one of your recovery codes is used.");
            case SECOND_FACTORS_RESET ->
                content(
                        message,
                        host,
                        "Your second factor on " + host + " was reset",
                        "Your second factor was reset",
                        List.of(
                                "An administrator of " + host + " removed the authenticator app and recovery codes of "
                                        + message.to().value() + ". Until you set up an app again, the password"
                                        + " alone signs you in.",
                                "Set one up again at " + issuer + "/account/factors. If you did not ask for this,"
                                        + " tell your administrator."),
                        "",
                        "You get this mail whenever an administrator resets your second factor.");
        };
    }

    private static MailContent content(
            MailMessage message,
            String host,
            String subject,
            String heading,
            List<String> paragraphs,
            String linkLabel,
            String footer) {
        return new MailContent(PRODUCT, host, subject, heading, paragraphs, message.link(), linkLabel, footer);
    }
}

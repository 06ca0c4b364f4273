package dev.gatehouse.core.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * Which mail a row of the outbox stands for. The row holds no text and no secret: the mail is composed
 * when it is sent, from its kind, its recipient and its account.
 */
public enum MailKind {
    /** "Confirm your address", with a verification link: sent at sign-up. */
    VERIFY_ADDRESS,
    /** "Someone tried to sign up with your address": a sign-up with an address already registered. */
    SIGN_UP_ATTEMPT,
    /** A link to set a new password; nothing is sent when no usable account has the address. */
    PASSWORD_RESET,
    /** "Your password was changed": after a reset. */
    PASSWORD_CHANGED,
    /** A link to the new address that makes it the account's address. */
    ADDRESS_CHANGE,
    /** To the old address: a change to another address was asked for. */
    ADDRESS_CHANGE_NOTICE,
    /** "A recovery code was used": a sign-in or step-up with one of the account's recovery codes. */
    RECOVERY_CODE_USED,
    /** "Your second factor was reset": an administrator removed the account's second factors. */
    SECOND_FACTORS_RESET;

    /** How the kind is stored and named in templates and file names: {@code password_reset}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailKind> fromWire(String name) {
        for (MailKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

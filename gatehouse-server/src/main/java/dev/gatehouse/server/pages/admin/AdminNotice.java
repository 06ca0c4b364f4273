package dev.gatehouse.server.pages.admin;

import dev.gatehouse.server.pages.Flash;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an admin page may say after a form, by name ({@code ?notice=...}); only these fixed texts, so a
 * crafted link cannot put words of its own on the console.
 */
enum AdminNotice {
    LOCKED("locked", "The account is locked, and every session of it has ended."),
    UNLOCKED("unlocked", "The account is unlocked; its failed sign-ins are forgiven."),
    RESET_LINK_SENT("reset-link-sent", "A link to set a new password is on its way to the account's address."),
    SIGNED_OUT("signed-out", "Every session and token login of the account has ended."),
    SESSION_ENDED("session-ended", "That session has ended."),
    TOKEN_LOGIN_ENDED("token-login-ended", "That token login has ended, with its session and tokens."),
    FACTORS_RESET(
            "factors-reset",
            "The account's second factor and recovery codes are removed; it signs in with"
                    + " the password alone until a new one is set up."),
    USER_DELETED("user-deleted", "The account is deleted, and every session of it has ended."),
    CLIENT_DELETED("client-deleted", "The client is deleted, and every login made through it has ended."),
    KEYS_ROTATED("keys-rotated", "The signing keys are rotated: the next key is now active.");

    private final String parameter;
    private final String message;

    AdminNotice(String parameter, String message) {
        this.parameter = parameter;
        this.message = message;
    }

    String parameter() {
        return parameter;
    }

    Flash flash() {
        return Flash.success(message);
    }

    static Optional<AdminNotice> named(Optional<String> parameter) {
        return parameter.flatMap(
                p -> Arrays.stream(values()).filter(n -> n.parameter.equals(p)).findFirst());
    }
}
